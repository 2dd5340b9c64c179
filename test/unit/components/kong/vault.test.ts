import { describe, expect, it } from "vitest";
import {
  buildHelmValues,
  isVaultReference,
  kongSecretEnv,
  kongSecretRefs,
  parseVaultReference,
  SECRETS_REVISION_ANNOTATION,
  vaultEnvironmentVariable,
  vaultReference,
} from "../../../../components/kong";
import { stackConfig } from "./fixtures";

describe("env-vault references (Kong 3.x kong/vaults/env: '-' -> '_', no prefix, upper-cased)", () => {
  it.each([
    ["pingaccess-shared-secret", "{vault://env/pingaccess-shared-secret}", "PINGACCESS_SHARED_SECRET"],
    ["oidc-client-secret", "{vault://env/oidc-client-secret}", "OIDC_CLIENT_SECRET"],
    ["session2", "{vault://env/session2}", "SESSION2"],
  ])("%s", (id, reference, variable) => {
    expect(vaultReference(id)).toBe(reference);
    expect(vaultEnvironmentVariable(id)).toBe(variable);
    expect(parseVaultReference(reference)).toBe(id);
    expect(isVaultReference(reference)).toBe(true);
  });

  it.each(["Pingaccess", "pa_secret", "2fa", "pa--secret", "pa-", "", "pa secret", "pa.secret"])(
    "refuses the id %j with a line that names it",
    (id) => {
      expect(() => vaultReference(id)).toThrow(`Kong vault secret id "${id}": expected kebab-case`);
      expect(() => vaultEnvironmentVariable(id)).toThrow(/expected kebab-case/);
    },
  );

  it("refuses ids whose variable Kong would read as its own configuration (KONG_*)", () => {
    expect(() => vaultReference("kong-admin-listen")).toThrow(
      'Kong vault secret id "kong-admin-listen": its variable KONG_ADMIN_LISTEN would be read by Kong as configuration',
    );
  });

  it("tells references from literals and from other vaults", () => {
    expect(isVaultReference("s3cr3t-value")).toBe(false);
    expect(isVaultReference("{vault://aws/pa-secret}")).toBe(false);
    expect(isVaultReference("{vault://env/pa-secret/key}")).toBe(false);
    expect(isVaultReference("prefix {vault://env/pa-secret}")).toBe(false);
    expect(isVaultReference(42)).toBe(false);
    expect(parseVaultReference("{vault://env/PA_SECRET}")).toBeUndefined();
  });
});

describe("kongSecretEnv (chart 3.4.1 customEnv: keys upper-cased, not KONG_-prefixed; map values rendered as is)", () => {
  const ref = { id: "pingaccess-shared-secret", secretName: "kong-vault-secrets", secretKey: "pingaccess-shared-secret" };

  it("exposes each secret as the variable Kong's env vault reads, from a secretKeyRef", () => {
    expect(kongSecretEnv([ref, { id: "oidc-session-secret", secretName: "other", secretKey: "session" }])).toEqual({
      customEnv: {
        PINGACCESS_SHARED_SECRET: { valueFrom: { secretKeyRef: { name: "kong-vault-secrets", key: "pingaccess-shared-secret" } } },
        OIDC_SESSION_SECRET: { valueFrom: { secretKeyRef: { name: "other", key: "session" } } },
      },
    });
  });

  it("gives nothing for no secrets, and one entry for the same ref twice", () => {
    expect(kongSecretEnv([])).toEqual({});
    expect(Object.keys((kongSecretEnv([ref, ref]) as { customEnv: object }).customEnv)).toEqual(["PINGACCESS_SHARED_SECRET"]);
  });

  it("refuses two different sources for one variable", () => {
    expect(() => kongSecretEnv([ref, { ...ref, secretKey: "other" }])).toThrow(
      'Kong vault secret "pingaccess-shared-secret": two sources for PINGACCESS_SHARED_SECRET',
    );
  });

  it("keys the Secret by id, sorted and de-duplicated", () => {
    expect(kongSecretRefs(["b-secret", "a-secret", "b-secret"])).toEqual([
      { id: "a-secret", secretName: "kong-vault-secrets", secretKey: "a-secret" },
      { id: "b-secret", secretName: "kong-vault-secrets", secretKey: "b-secret" },
    ]);
  });
});

describe("buildHelmValues with vault secrets", () => {
  const options = { configMapName: "kong-declarative-config", configChecksum: "abc123" };

  it("adds customEnv and the revision annotation only when asked", () => {
    const plain = buildHelmValues(stackConfig().kong, options);
    expect(plain.customEnv).toBeUndefined();
    expect(plain.podAnnotations[SECRETS_REVISION_ANNOTATION]).toBeUndefined();
    const withSecret = buildHelmValues(stackConfig().kong, {
      ...options,
      kongSecrets: kongSecretRefs(["pingaccess-shared-secret"]),
      secretsRevision: "1-7",
    });
    expect(withSecret.customEnv).toEqual({
      PINGACCESS_SHARED_SECRET: { valueFrom: { secretKeyRef: { name: "kong-vault-secrets", key: "pingaccess-shared-secret" } } },
    });
    expect(withSecret.podAnnotations[SECRETS_REVISION_ANNOTATION]).toBe("1-7");
  });
});
