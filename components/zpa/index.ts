/**
 * Zscaler Private Access: a client for the ZPA management API, pure payload builders, Pulumi dynamic
 * providers for the ZPA objects, and the ZpaConnector component (ZPA objects + App Connectors in the cluster).
 */
export * from "./client";
export * from "./builders";
export * from "./providers";
export * from "./connector";
