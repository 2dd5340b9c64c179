export * from "./entra";
export * from "./okta";
export * from "./cognito";
