export * from "./core";
export * from "./equality";
