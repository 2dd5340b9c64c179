export * from "./destinations";
