export * from "./env-vault";
