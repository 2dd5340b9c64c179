export * from "./certificate";
export * from "./proxy-tls";
