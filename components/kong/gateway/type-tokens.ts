/**
 * The type token of the KongGateway component, written once: the component registers under it and the
 * policies find the gateway's outputs by it. No dependencies: importable from anywhere (the policy pack included).
 */
export const KONG_GATEWAY_TYPE = "kong-identity-stack:kong:KongGateway";
