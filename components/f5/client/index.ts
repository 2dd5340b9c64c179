export * from "./as3-client";
