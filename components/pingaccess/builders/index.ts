export * from "./classes";
export * from "./names";
export * from "./specs";
export * from "./payloads";
export * from "./rotation";
export * from "./kong-settings";
export * from "./limitations";
export * from "./token-validation";
