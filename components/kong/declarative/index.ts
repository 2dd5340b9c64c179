export * from "./types";
export * from "./route-input";
export * from "./tags";
export * from "./jwt-credentials";
export * from "./build";
export * from "./limitations";
export * from "./token-validation-override";
