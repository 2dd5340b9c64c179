export * from "./types";
export * from "./route-input";
export * from "./tags";
export * from "./jwt-credentials";
export * from "./issuer-selector";
export * from "./build";
export * from "./limitations";
export * from "./edge-trust";
