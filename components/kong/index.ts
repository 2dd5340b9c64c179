/**
 * Kong: a pure builder (identity contracts + routes -> kong.yml), Helm values for the official chart, and
 * the KongGateway component that deploys them DB-less.
 */
export * from "./jwks";
export * from "./plugins";
export * from "./declarative";
export * from "./vault";
export * from "./helm";
export * from "./serialize";
export * from "./delivery";
export * from "./gateway";
export * from "./sign-in";
