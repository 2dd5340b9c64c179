export * from "./stable-uuid";
export * from "./http";
