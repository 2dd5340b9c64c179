export * from "./clouds";
export * from "./connection";
export * from "./credentials";
export * from "./errors";
export * from "./paging";
export * from "./serial-queue";
export * from "./token";
export * from "./zpa-client";
