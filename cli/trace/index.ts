export * from "./types";
export * from "./parse-zpa";
export * from "./parse-edge";
export * from "./parse-kong";
export * from "./join";
export * from "./render";
