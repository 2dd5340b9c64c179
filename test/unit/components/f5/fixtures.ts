import { join } from "node:path";
import { resolveF5Settings, type F5EdgeSettings } from "../../../../components/f5";
import { parseStackConfig, type StackConfig } from "../../../../infra/config";
import { RAW_STACK_CONFIG } from "../kong/fixtures";
import { exampleStackConfig } from "../../../support/example-stacks";

export const REPO_ROOT = join(__dirname, "..", "..", "..", "..");

/** A test-only PEM-shaped pair: never a real key, long enough to exercise redaction line by line. */
export const FAKE_CERTIFICATE = ["-----BEGIN CERTIFICATE-----", "MIIBfakeCERTIFICATEbodyLINEone0123456789abcdef", "-----END CERTIFICATE-----", ""].join("\n");
export const FAKE_PRIVATE_KEY = ["-----BEGIN PRIVATE KEY-----", "MIIEfakePRIVATEkeyBODYlineONE0123456789abcdefABCDEF", "MIIEfakePRIVATEkeyBODYlineTWO0123456789abcdefABCDEF", "-----END PRIVATE KEY-----", ""].join("\n");

/** The small test stack plus an AS3 f5 block (APM forwarding two headers to the reports route). */
export const RAW_F5_BLOCK = {
  mode: "as3",
  host: "https://bigip.test.example.com",
  virtualAddress: "192.0.2.10",
  selfIps: ["10.1.20.5", "10.1.20.6"],
  snatAddresses: ["10.1.20.50"],
  // The proxy LoadBalancer's one address (kong.proxyLoadBalancerAddress below): a pool address the Service does not get is refused.
  poolMembers: { addresses: ["10.1.30.11"], port: 443 },
  kongTls: { trustCa: "/Common/kong-ca-bundle" },
  apm: { accessProfile: "/Common/orders-apm", forwardedHeaders: ["X-APM-User", "X-APM-Groups"], trustedRoutes: ["reports"] },
};

export function f5StackConfig(mutate: (raw: any) => void = () => {}): StackConfig {
  const raw: any = structuredClone({
    ...RAW_STACK_CONFIG,
    kong: { ...RAW_STACK_CONFIG.kong, proxyLoadBalancerAddress: { ip: "10.1.30.11" } },
    f5: RAW_F5_BLOCK,
    f5TlsCertificate: "placeholder-certificate",
    f5TlsPrivateKey: "placeholder-key",
  });
  mutate(raw);
  return parseStackConfig(raw);
}

export function settingsOf(config: StackConfig): F5EdgeSettings {
  return resolveF5Settings({ f5: config.f5!, kong: config.kong, routes: config.routes, environment: config.environment });
}

/** A stack file's config, read like Pulumi does (keys without the project prefix), validated. */
export const readStackConfig = exampleStackConfig;
