export * from "./kong-yaml";
export { writeBlockYaml } from "./block-yaml";
