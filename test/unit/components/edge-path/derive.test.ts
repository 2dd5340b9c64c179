import { describe, expect, it } from "vitest";
import { deriveRequestPath, type RequestPathExtension } from "../../../../components/edge-path";
import { entraAssignmentRequired } from "../../../../components/idp/entra/assignment";
import { exampleStackConfig } from "../../../support/example-stacks";
import { entraContract } from "../kong/fixtures";

describe("deriveRequestPath", () => {
  it("prod: caller → ZPA → F5 → Kong → upstreams, with the TLS and address facts of each hop", () => {
    const path = deriveRequestPath(exampleStackConfig("prod"), [entraContract()]);
    expect(path.hops.map((h) => h.kind)).toEqual(["caller", "zpa", "f5", "kong", "upstream", "upstream"]);
    const f5 = path.hops[2]!;
    expect(f5.next).toMatchObject({
      target: "10.2.30.11, 10.2.30.12, 10.2.30.13 :30443",
      serverName: "api.example.com",
      verifiesWith: "kong.tls.caCertificate (AS3 CA_Bundle kong_ca)",
    });
    const kong = path.hops[3]!;
    expect(kong.listens).toBe("every node :30443 → pod :8443; no plain-http listener");
    expect(kong.presents?.names).toEqual(["api.example.com"]);
    expect(path.unverified).toEqual([]);
  });

  it("f5-dev: the BIG-IP's SNAT addresses reach Kong (externalTrafficPolicy Local), and Kong admits the APM headers only from them", () => {
    const path = deriveRequestPath(exampleStackConfig("f5-dev"), [entraContract()]);
    const f5 = path.hops.find((h) => h.kind === "f5")!;
    expect(f5.next?.sourceSeenByNext).toBe("SNAT pool 10.1.20.50, 10.1.20.51 (kept: externalTrafficPolicy Local)");
    const kong = path.hops.find((h) => h.kind === "kong")!;
    expect(kong.name).toContain("externalTrafficPolicy Local");
    expect(kong.verifies[0]).toContain("admits X-APM-User, X-APM-Groups only from 10.1.20.5, 10.1.20.6, 10.1.20.50, 10.1.20.51");
  });

  it("dev: no edge in front; an existing Secret's names are listed as unverified", () => {
    const config = exampleStackConfig("dev");
    const path = deriveRequestPath({ ...config, kong: { ...config.kong, tls: { secretName: "api-tls" } } }, [entraContract()]);
    expect(path.hops.map((h) => h.kind)).toEqual(["caller", "kong", "upstream", "upstream"]);
    expect(path.unverified).toEqual(["Kong's certificate is in the existing Secret api-tls: the plan cannot check its names or expiry"]);
  });

  it("extensions add hops (a sideband call, where logs go) after derivation", () => {
    const logs: RequestPathExtension = (p) => ({ ...p, hops: p.hops.map((h) => (h.kind === "kong" ? { ...h, logs: ["stdout"] } : h)) });
    const path = deriveRequestPath(exampleStackConfig("dev"), [entraContract()], [logs]);
    expect(path.hops.find((h) => h.kind === "kong")!.logs).toEqual(["stdout"]);
  });
});

describe("entraAssignmentRequired", () => {
  const route = (roles: string[], anonymous = false) => ({ roles, anonymous });
  it("is true only when every protected route requires a role", () => {
    expect(entraAssignmentRequired([route(["admins"]), route([], true)])).toBe(true);
    expect(entraAssignmentRequired([route(["admins"]), route([])])).toBe(false);
    expect(entraAssignmentRequired([route([], true)])).toBe(false);
  });
});
