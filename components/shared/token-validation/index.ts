export * from "./pingaccess-validator";
