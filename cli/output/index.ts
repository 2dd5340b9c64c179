export * from "./escape";
