export * from "./schema";
export * from "./zpa-schema";
export * from "./parse";
export * from "./read-pulumi-config";
export * from "./f5-schema";
export * from "./sign-in-schema";
export * from "./observability-schema";
export * from "./secret-keys";
