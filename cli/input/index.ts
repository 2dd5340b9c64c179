export * from "./json-file";
export * from "./plan-file";
export * from "./stack-outputs";
