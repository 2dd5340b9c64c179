/** The Pulumi project name: the namespace of this stack's own config keys. */
export const PROJECT_NAME_FOR_KEYS = "kong-identity-stack";
