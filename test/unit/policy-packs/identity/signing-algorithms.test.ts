import { describe, expect, it } from "vitest";
import { signingAlgorithms } from "../../../../policy-packs/identity/policies";
import { CONTRACT, configMap, eachOidc, expectViolations, registration, runAll } from "./fixtures";

describe("signing-algorithms", () => {
  it("passes the generated stack (RS256, enable_hs_signatures false)", async () => {
    expect(await runAll(signingAlgorithms, [configMap(), registration()])).toEqual([]);
  });

  it("reports enable_hs_signatures on Kong's openid-connect", async () => {
    const [m] = expectViolations(await runAll(signingAlgorithms, [configMap((d) => eachOidc(d, (c) => (c.enable_hs_signatures = true)))]), "kong-config");
    expect(m).toContain("enable_hs_signatures is true");
    expect(m).toContain("identity.signingAlgorithms");
  });

  it("reports verify_signature: false", async () => {
    const [m] = expectViolations(await runAll(signingAlgorithms, [configMap((d) => eachOidc(d, (c) => (c.verify_signature = false)))]), "kong-config");
    expect(m).toContain("verify_signature is false");
  });

  it("reports HS256 jwt credentials of an OSS consumer", async () => {
    const cm = configMap((d) => d.consumers.push({ username: "idp-entra", jwt_secrets: [{ key: "k1", algorithm: "HS256", secret: "x" }] }));
    const [m] = expectViolations(await runAll(signingAlgorithms, [cm]), "kong-config");
    expect(m).toContain("consumer idp-entra");
    expect(m).toContain('"HS256"');
  });

  it("reports a contract that lists HS256, on the registration component", async () => {
    const reg = registration({ ...CONTRACT, algorithms: ["RS256", "HS256"] });
    const [m] = expectViolations(await runAll(signingAlgorithms, [reg]), "entra");
    expect(m).toContain('accepts "HS256"');
  });

  it("reports a contract that lists none or pins nothing", async () => {
    const none = registration({ ...CONTRACT, algorithms: ["none" as never] });
    expect(expectViolations(await runAll(signingAlgorithms, [none]), "entra")[0]).toContain('"none"');
    const empty = registration({ ...CONTRACT, algorithms: [] });
    expect(expectViolations(await runAll(signingAlgorithms, [empty]), "entra")[0]).toContain("pins no signing algorithm");
  });
});
