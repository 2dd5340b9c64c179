export * from "./schema";
export * from "./parse";
export * from "./read-pulumi-config";
