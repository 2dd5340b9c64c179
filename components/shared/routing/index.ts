export * from "./overlap";
export * from "./sign-in-paths";
