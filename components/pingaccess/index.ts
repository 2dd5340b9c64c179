/**
 * PingAccess as Kong's sideband policy decision point: pure builders for the Admin API bodies, a REST client,
 * Pulumi dynamic providers for the PingAccess objects, and the PingAccessSideband component.
 */
export * from "./builders";
export * from "./client";
export * from "./providers";
export * from "./sideband";
