export * from "./entra";
export * from "./okta";
export * from "./cognito";
export * from "./identity-args";
export * from "./providers";
