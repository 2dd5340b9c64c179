export * from "./connection";
export * from "./credentials";
export * from "./errors";
export * from "./pingaccess-client";
