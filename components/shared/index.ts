export * from "./stable-uuid";
