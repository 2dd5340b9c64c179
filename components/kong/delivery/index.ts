export * from "./config-delivery";
