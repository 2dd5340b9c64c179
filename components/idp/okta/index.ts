export * from "./args";
export * from "./names";
export * from "./policies";
export * from "./okta-registration";
