export * from "./as3-tenant";
