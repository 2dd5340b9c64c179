import { describe, expect, it } from "vitest";
import { applyEdgeClientAddress } from "../../../../components/kong/declarative/edge-trust";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, unpackValues } from "../../../../components/kong/delivery/config-delivery";
import { combineSecretsRevisions, signInSecretsRevision } from "../../../../components/identity-edge/secrets-revision";
import { restrictedViolations } from "../../../support/helm-render";

const route = (name: string, limitBy: "ip" | "consumer") => ({
  name,
  hosts: ["api.example.com"],
  paths: [`/${name}`],
  protocols: ["https"],
  strip_path: false,
  tags: [],
  plugins: [{ name: "rate-limiting", config: { minute: 60, policy: "local", limit_by: limitBy }, tags: [] }],
});
const config = () => ({ _format_version: "3.0", services: [{ name: "s", url: "http://u", tags: [], routes: [route("health", "ip"), route("orders", "consumer")] }], consumers: [], plugins: [] }) as any;
const EDGE = { header: "X-Forwarded-For", sources: ["10.1.20.5", "10.1.20.50"] };

describe("(6) client-address rate limits behind the F5 count the F5's X-Forwarded-For, trusted only from the F5", () => {
  it("an ip-limited route counts by the header and admits only the edge's addresses; consumer limits stay", () => {
    const [health, orders] = applyEdgeClientAddress(config(), EDGE, []).services[0]!.routes;
    expect(health!.plugins.map((p: any) => p.name)).toEqual(["ip-restriction", "rate-limiting"]);
    expect(health!.plugins[1]!.config).toEqual({ minute: 60, policy: "local", limit_by: "header", header_name: "X-Forwarded-For" });
    expect((health!.plugins[0]!.config as any).allow).toEqual(EDGE.sources);
    expect(orders).toEqual(route("orders", "consumer"));
  });

  it("without an edge nothing changes", () => {
    expect(applyEdgeClientAddress(config(), undefined, [])).toEqual(config());
  });
});

describe("(4) the unpack init container passes Pod Security restricted", () => {
  it("carries the restricted security context, and the check refuses a container without one", () => {
    const init = unpackValues({ repository: "kong/kong-gateway", tag: "3.9", digest: `sha256:${"ab".repeat(32)}` }).deployment.initContainers[0]!;
    expect(init["securityContext"]).toEqual(RESTRICTED_CONTAINER_SECURITY_CONTEXT);
    expect(init["image"]).toBe(`kong/kong-gateway:3.9@sha256:${"ab".repeat(32)}`);
    expect(restrictedViolations({ initContainers: [init], containers: [] })).toEqual([]);
    const bare = { ...init, securityContext: undefined };
    expect(restrictedViolations({ initContainers: [bare], containers: [] })).toEqual([
      "initContainer unpack-kong-config: allowPrivilegeEscalation is not false",
      "initContainer unpack-kong-config: runAsNonRoot is not true",
      "initContainer unpack-kong-config: seccompProfile is not RuntimeDefault or Localhost",
      "initContainer unpack-kong-config: capabilities do not drop ALL",
    ]);
  });
});

describe("(2) the vault secrets' revision changes with the secret Kong gets, never carries a value", () => {
  const signIns = [{ client: "orders-portal" }] as any;
  it("Entra: follows the newest rotation slot; Okta and Cognito: the client id (a new secret comes with a new app)", () => {
    const before = signInSecretsRevision("entra", 60, new Date("2026-01-01T00:00:00Z"), signIns, { "orders-portal": "id-1" });
    const sameBucket = signInSecretsRevision("entra", 60, new Date("2026-01-02T00:00:00Z"), signIns, { "orders-portal": "id-1" });
    const afterRotation = signInSecretsRevision("entra", 60, new Date("2026-03-15T00:00:00Z"), signIns, { "orders-portal": "id-1" });
    expect(sameBucket).toBe(before);
    expect(afterRotation).not.toBe(before);
    expect(signInSecretsRevision("okta", 60, new Date(), signIns, { "orders-portal": "0oa1" })).toBe("okta:orders-portal/0oa1");
    expect(combineSecretsRevisions({ "sign-in": "okta:x", "ping-auth": "1-2" })).toBe("ping-auth=1-2;sign-in=okta:x");
    expect(combineSecretsRevisions({ "sign-in": undefined })).toBeUndefined();
  });
});
