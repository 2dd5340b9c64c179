export * from "./types";
export * from "./derive-entra";
export * from "./check-claims";
export * from "./derive-okta";
export * from "./derive-cognito";
export * from "./issuer-hints";
export { shapeProblem } from "./list-claims";
