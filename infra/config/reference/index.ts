export { configKeys, type ConfigKeyDoc } from "./json-schema-walk";
export { renderConfigurationReference } from "./render";
