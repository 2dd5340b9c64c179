/**
 * A platform team's own Pulumi program: it builds EntraRegistration and KongGateway from plain Args, with no stack
 * file, no schema and no pulumi.Config, the way docs/architecture.md shows. Only components/ is imported.
 */
import { EntraRegistration } from "../../../../components/idp";
import { KongGateway } from "../../../../components/kong";

const TENANT = "11111111-2222-3333-4444-555555555555";

const entra = new EntraRegistration("orders", {
  provider: { kind: "entra", tenantId: TENANT },
  environment: "platform",
  identity: {
    apiName: "orders",
    scopes: ["orders.read", { name: "orders.write", description: "Change orders" }],
    accessGroups: ["order-admins"],
    clients: [{ name: "billing", kind: "service", groups: ["order-admins"] }],
  },
  now: new Date("2026-01-01T00:00:00Z"),
});

const gateway = new KongGateway("edge", {
  contracts: entra.contract.apply((c) => [c]),
  environment: "platform",
  kong: { hostnames: ["api.platform.example.com"], replicas: 3 },
  routes: [
    { name: "orders-read", paths: ["/orders"], methods: ["GET"], upstream: "http://orders.orders.svc:8080", scopes: ["orders.read"] },
    { name: "health", paths: ["/healthz"], upstream: "http://orders.orders.svc:8080/healthz", anonymous: true },
  ],
});

export const issuer = entra.contract.issuer;
export const audience = entra.contract.apply((c) => c.audience?.values ?? []);
export const clientIds = entra.clientIds;
export const kongYaml = gateway.kongYaml;
export const proxyEndpoint = gateway.proxyEndpoint;
