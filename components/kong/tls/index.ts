
export * from "./proxy-tls";
