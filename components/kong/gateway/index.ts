export * from "./kong-gateway";
