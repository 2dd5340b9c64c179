export * from "./entra";
