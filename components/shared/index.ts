export * from "./stable-uuid";
export * from "./http";
export * from "./unknown-input";
