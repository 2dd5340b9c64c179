export * from "./args";
export * from "./names";
export * from "./clients";
export * from "./cognito-registration";
