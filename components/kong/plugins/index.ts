export * from "./types";
export * from "./identity-headers";
export * from "./openid-connect";
export * from "./jwt";
export * from "./acl";
export * from "./rate-limiting";
export * from "./correlation-id";
export * from "./request-transformer";
