export * from "./kong-yaml";
