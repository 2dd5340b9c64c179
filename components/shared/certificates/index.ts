export * from "./certificate";
