export * from "./type-tokens";
export * from "./provider-core";
export * from "./handlers";
export * from "./resources";
