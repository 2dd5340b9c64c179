export * from "./specs";
export * from "./names";
export * from "./max-usage";
export * from "./edge";
export * from "./objects";
export * from "./payloads";
