/**
 * Secrets for Kong plugins without putting them in kong.yml: a Kubernetes Secret exposed to the Kong pods as
 * environment variables, and `{vault://env/<id>}` references Kong resolves from them.
 */
export * from "./types";
export * from "./reference";
export * from "./helm-env";
export * from "./kong-secret";
