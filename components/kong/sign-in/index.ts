export * from "./secret-refs";
export * from "./sign-in-secrets";
