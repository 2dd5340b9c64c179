export * from "./overlap";
