export * from "./secrets";
export * from "./summary";
export * from "./f5-edge";
