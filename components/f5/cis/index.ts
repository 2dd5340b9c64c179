export * from "./resources";
export * from "./inspect";
