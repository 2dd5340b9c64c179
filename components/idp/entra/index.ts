export * from "./args";
export * from "./entra-registration";
export * from "./names";
export * from "./permissions";
export * from "./secret-rotation";
export * from "./token-lifetime-policy";
export * from "./assignment";
