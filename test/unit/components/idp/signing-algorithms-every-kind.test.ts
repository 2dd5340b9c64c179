import { beforeAll, describe, expect, it } from "vitest";
import type * as EdgeModule from "../../../../components/identity-edge";
import { parseStackConfig } from "../../../../infra/config";
import { identityEdgeArgs } from "../../../../infra/wire";
import { exampleStackRaw } from "../../../support/example-stacks";
import { outputValue, startRecordingMocks } from "../../../support/pulumi-mocks";

// identity.signingAlgorithms used to reach Entra's contract only: Okta and Cognito stacks silently kept RS256.
const { ready } = startRecordingMocks({ stack: "unit" });
let edges: typeof EdgeModule;
beforeAll(async () => {
  await ready;
  edges = await import("../../../../components/identity-edge");
});

describe("identity.signingAlgorithms applies to every IdP kind", () => {
  it.each(["dev", "okta-dev", "cognito-dev"])("%s: the contract pins the configured algorithms, and an HS* one reaches Kong's openid-connect", async (file) => {
    const raw = exampleStackRaw(file);
    raw.kong.tls = { secretName: "kong-proxy-tls" }; // an existing certificate Secret: no private key to read under mocks
    raw["identity"].signingAlgorithms = ["RS256", "HS256"];
    const config = parseStackConfig(raw);
    const edge = new edges.IdentityEdge(`alg-${file}`, identityEdgeArgs(config, {}, new Date("2026-01-01T00:00:00Z")));
    const [contracts, kongYaml] = await Promise.all([outputValue(edge.contracts), outputValue(edge.gateway.kongYaml)]);
    for (const c of contracts) expect(c.algorithms, c.name).toEqual(["RS256", "HS256"]);
    // Kong's openid-connect takes the keys' algorithms from the JWKS; the one switch it has is enable_hs_signatures.
    // (The signing-algorithms policy then refuses HS256: the setting is seen, not ignored.)
    if (config.kong.edition === "enterprise") expect(kongYaml).toMatch(/enable_hs_signatures: true/);
  });
});
