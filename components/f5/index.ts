/**
 * F5 BIG-IP in front of Kong: pure AS3 and CIS builders, the AS3 REST client, the As3Tenant dynamic provider
 * and the F5Edge component.
 */
export * from "./as3";
export * from "./cis";
export * from "./settings";
export * from "./client";
export * from "./provider";
export * from "./edge";
