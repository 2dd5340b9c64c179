import { describe, expect, it } from "vitest";
import { kongAdminPrivate } from "../../../../policy-packs/identity/policies";
import { T, expectViolations, kongRelease, runAll } from "./fixtures";

const CA = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

describe("kong-admin-private", () => {
  it("passes the generated Helm values (admin off, manager off)", async () => {
    expect(await runAll(kongAdminPrivate, [kongRelease()])).toEqual([]);
  });

  it("passes an admin API inside the cluster (ClusterIP, TLS only)", async () => {
    const release = kongRelease((v) => (v.admin = { enabled: true, type: "ClusterIP", http: { enabled: false }, tls: { enabled: true, client: { caBundle: CA } } }));
    expect(await runAll(kongAdminPrivate, [release])).toEqual([]);
  });

  it.each(["LoadBalancer", "NodePort"])("reports an admin API service of type %s", async (type) => {
    const release = kongRelease((v) => (v.admin = { enabled: true, type, http: { enabled: false }, tls: { enabled: true, client: { caBundle: CA } } }));
    const [m] = expectViolations(await runAll(kongAdminPrivate, [release]), "kong-release");
    expect(m).toContain(`type "${type}"`);
    expect(m).toContain("kong.adminApi");
  });

  it("reports an enabled admin API without a type (the chart's default is NodePort)", async () => {
    const release = kongRelease((v) => (v.admin = { enabled: true, tls: { client: { caBundle: CA } } }));
    expect(expectViolations(await runAll(kongAdminPrivate, [release]), "kong-release")[0]).toContain('"NodePort"');
  });

  it("reports the plaintext listener and an admin ingress", async () => {
    const release = kongRelease((v) => (v.admin = { enabled: true, type: "ClusterIP", http: { enabled: true }, tls: { client: { caBundle: CA } }, ingress: { enabled: true } }));
    const messages = expectViolations(await runAll(kongAdminPrivate, [release]), "kong-release", 2);
    expect(messages.join("\n")).toMatch(/plaintext http[\s\S]*ingress/);
  });

  it("reports Kong Manager left at the chart default", async () => {
    const release = kongRelease((v) => delete v.manager);
    const messages = expectViolations(await runAll(kongAdminPrivate, [release]), "kong-release", 2);
    expect(messages.join("\n")).toMatch(/Kong Manager \(the Admin GUI\)[\s\S]*Kong Manager still listens/);
  });

  it("reports Kong Manager listening although its Service is off (manager.enabled false alone)", async () => {
    const release = kongRelease((v) => (v.manager = { enabled: false }));
    const [m] = expectViolations(await runAll(kongAdminPrivate, [release]), "kong-release");
    expect(m).toContain("Kong Manager still listens in every pod (manager.http.enabled, manager.tls.enabled not false");
  });

  it("reports an Admin API on the pod's address without client certificates", async () => {
    const release = kongRelease((v) => (v.admin = { enabled: true, type: "ClusterIP", http: { enabled: false }, tls: { enabled: true } }));
    const [m] = expectViolations(await runAll(kongAdminPrivate, [release]), "kong-release");
    expect(m).toContain("without requiring client certificates");
  });

  it("reports a Service publishing port 8444 as a LoadBalancer, not a ClusterIP one", async () => {
    const svc = (type: string) => ({ type: T.service, name: "kong-admin", props: { spec: { type, ports: [{ port: 443, targetPort: 8444 }] } } });
    expectViolations(await runAll(kongAdminPrivate, [svc("LoadBalancer")]), "kong-admin");
    expect(await runAll(kongAdminPrivate, [svc("ClusterIP")])).toEqual([]);
  });

  it("ignores releases of other charts", async () => {
    const other = { ...kongRelease((v) => (v.admin = { enabled: true, type: "LoadBalancer" })), props: { chart: "redis", values: { admin: { enabled: true } } } };
    expect(await runAll(kongAdminPrivate, [other])).toEqual([]);
  });
});
