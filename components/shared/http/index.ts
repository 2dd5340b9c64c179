export * from "./rest-client";
