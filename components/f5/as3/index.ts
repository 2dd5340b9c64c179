export * from "./types";
export * from "./names";
export * from "./identity-headers";
export * from "./irule";
export * from "./declaration";
export * from "./inspect";
