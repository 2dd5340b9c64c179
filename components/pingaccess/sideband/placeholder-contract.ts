import type { IdentityContract } from "../../contract";

/**
 * Stands in for the contract while only the plan's shape (names, counts) is read: those depend on the config
 * alone. Every value that goes to PingAccess is taken from the real contract once it resolves.
 */
export const placeholderContract: IdentityContract = {
  provider: "entra",
  name: "shape",
  issuer: "https://issuer.invalid/",
  discoveryUrl: "https://issuer.invalid/.well-known/openid-configuration",
  jwksUri: "https://issuer.invalid/keys",
  audience: undefined,
  clients: { claim: "azp", values: [] },
  scopes: { claim: "scp", shape: "space-delimited-string", valuePrefix: "" },
  groups: { claim: "roles", shape: "array" },
  accessGroups: [],
} as unknown as IdentityContract;
