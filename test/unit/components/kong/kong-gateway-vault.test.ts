import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { outputValue, startRecordingMocks } from "../../../support/pulumi-mocks";
import { entraContract, stackConfig } from "./fixtures";

const { ready, registered, secretPaths, registrations } = startRecordingMocks();

let kong: typeof import("../../../../components/kong");
beforeAll(async () => {
  await ready;
  kong = await import("../../../../components/kong");
});

describe("KongGateway with env-vault secrets (under Pulumi mocks)", () => {
  const cfg = stackConfig();
  const value = "pa-secret-value-0123456789abcdef";

  it("stores them in one Secret as Pulumi secrets and exposes them to the pods; values carry no value", async () => {
    const gateway = new kong.KongGateway("vaulted", {
      contracts: pulumi.output([entraContract()]),
      routes: cfg.routes,
      kong: cfg.kong,
      environment: cfg.environment,
      // A plain string on purpose: the component must make it secret even when the caller did not.
      vaultSecrets: { "pingaccess-shared-secret": value },
      vaultSecretsRevision: "0-3",
    });
    await outputValue(gateway.kongYaml);

    const secret = await registered("vaulted-vault-secrets");
    expect(secret.type).toBe("kubernetes:core/v1:Secret");
    expect(secret.inputs.metadata).toMatchObject({ name: kong.KONG_VAULT_SECRET_NAME, namespace: "kong" });
    expect(secret.inputs.stringData).toEqual({ "pingaccess-shared-secret": value });
    expect(secretPaths.some((p) => p.startsWith("vaulted-vault-secrets.stringData"))).toBe(true);

    const release = await registered("vaulted-release");
    expect(release.inputs.values.customEnv).toEqual({
      PINGACCESS_SHARED_SECRET: {
        valueFrom: { secretKeyRef: { name: kong.KONG_VAULT_SECRET_NAME, key: "pingaccess-shared-secret" } },
      },
    });
    expect(release.inputs.values.podAnnotations[kong.SECRETS_REVISION_ANNOTATION]).toBe("0-3");
    const others = registrations.filter((r) => r.name !== "vaulted-vault-secrets");
    expect(JSON.stringify(others.map((r) => r.inputs))).not.toContain(value);
  });

  it("creates no Secret and no customEnv without vault secrets", async () => {
    const gateway = new kong.KongGateway("plain", {
      contracts: pulumi.output([entraContract()]),
      routes: cfg.routes,
      kong: cfg.kong,
      environment: cfg.environment,
    });
    await outputValue(gateway.kongYaml);
    const release = await registered("plain-release");
    expect(release.inputs.values.customEnv).toBeUndefined();
    expect(registrations.some((r) => r.name === "plain-vault-secrets")).toBe(false);
  });
});
