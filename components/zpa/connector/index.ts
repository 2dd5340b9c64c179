export * from "./kubernetes";
export * from "./zpa-connector";
