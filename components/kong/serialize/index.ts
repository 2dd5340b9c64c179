export * from "./kong-yaml";
export { writeBlockYaml, writeBlockYamlDocument } from "./block-yaml";
