export * from "./definition";
export * from "./graph-client";
export * from "./operations";
export * from "./provider";
export * from "./resource";
