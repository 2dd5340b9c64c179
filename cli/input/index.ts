export * from "./json-file";
export * from "./plan-file";
