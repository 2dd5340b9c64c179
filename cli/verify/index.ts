export * from "./target";
export * from "./expectation";
export * from "./http";
export * from "./token";
export * from "./run";
export * from "./render";
