import { describe, expect, it } from "vitest";
import { upstreamNotInternalMetadata } from "../../../../policy-packs/identity/policies";
import { internalUpstreamReason } from "../../../../policy-packs/identity/policies/upstream-not-internal-metadata";
import { configMap, expectViolations, runAll } from "./fixtures";

const withUpstream = (url: string) => configMap((doc) => (doc.services[0].url = url));

describe("upstream-not-internal-metadata", () => {
  it("passes the generated kong.yml (cluster services)", async () => {
    expect(await runAll(upstreamNotInternalMetadata, [configMap()])).toEqual([]);
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", /link-local/],
    ["http://2852039166/", /link-local/], // 169.254.169.254 as one decimal number
    ["http://[::ffff:a9fe:a9fe]/", /link-local/],
    ["http://169.254.170.2/v2/credentials", /link-local/], // ECS task credentials
    ["http://[fd00:ec2::254]/", /AWS IPv6 instance-metadata/],
    ["http://[fe80::1]:8080/", /IPv6 link-local/],
    ["http://metadata.google.internal/computeMetadata/v1/", /instance-metadata host/],
    ["http://100.100.100.200/", /Alibaba/],
    ["http://127.0.0.1:8001", /Admin API on loopback/],
    ["https://localhost:8444", /Admin API \(TLS\) on loopback/],
    ["http://[::1]:8100", /status API on loopback/],
  ])("reports an upstream at %s", async (url, reason) => {
    const [m] = expectViolations(await runAll(upstreamNotInternalMetadata, [withUpstream(url)]), "kong-config");
    expect(m).toMatch(reason);
    expect(m).toMatch(/\. Fix: point routes\[\]\.upstream at the intended service; .*allowedUpstreams/);
  });

  it.each(["http://127.0.0.1:8080", "http://orders.orders.svc.cluster.local:8001", "http://10.0.0.5:8001", "https://api.example.com"])(
    "does not report %s (loopback at another port, or Kong's ports on another host)",
    (url) => expect(internalUpstreamReason(url)).toBeUndefined(),
  );

  it("the explicit override lets one listed upstream through, and only that one", async () => {
    const url = "http://169.254.169.254/latest/meta-data/";
    expect(await runAll(upstreamNotInternalMetadata, [withUpstream(url)], { allowedUpstreams: [url] })).toEqual([]);
    expectViolations(await runAll(upstreamNotInternalMetadata, [withUpstream(url)], { allowedUpstreams: ["http://169.254.169.254/"] }), "kong-config");
  });
});
