export * from "./types";
export * from "./derive-entra";
export * from "./check-claims";
