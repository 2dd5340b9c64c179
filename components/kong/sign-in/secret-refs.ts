import type { BrowserSignIn } from "../../sign-in";
import type { KongBrowserSignIn } from "../plugins";
import { vaultReference, type KongSecretRef } from "../vault";

/** The Kubernetes Secret (Kong's namespace) holding the sign-in client secrets and session secrets. */
export const SIGN_IN_SECRET_NAME = "kong-sign-in-secrets";

/** Vault ids: one per web client secret (shared by its routes), one per route's session secret. */
export const clientSecretId = (client: string): string => `kis-client-secret-${client}`;
export const sessionSecretId = (route: string): string => `kis-session-secret-${route}`;

/** Every secret the sign-in routes reference, each once, as env-vault refs backed by SIGN_IN_SECRET_NAME. Pure. */
export function signInSecretRefs(signIns: readonly BrowserSignIn[]): KongSecretRef[] {
  const ids = [...new Set(signIns.map((s) => clientSecretId(s.client))), ...signIns.map((s) => sessionSecretId(s.route))];
  return ids.map((id) => ({ id, secretName: SIGN_IN_SECRET_NAME, secretKey: id }));
}

/** The sign-in routes as Kong's builder takes them: client ids resolved, secrets as references only. Pure. */
export function kongBrowserSignIns(
  signIns: readonly BrowserSignIn[],
  clientIds: Readonly<Record<string, string>>,
): Record<string, KongBrowserSignIn> {
  return Object.fromEntries(
    signIns.map((s) => {
      const clientId = clientIds[s.client];
      if (clientId === undefined) throw new Error(`route ${s.route}: the IdP registration has no client ${s.client}`);
      return [
        s.route,
        {
          ...s,
          clientId,
          clientSecretReference: vaultReference(clientSecretId(s.client)),
          sessionSecretReference: vaultReference(sessionSecretId(s.route)),
        },
      ];
    }),
  );
}

/**
 * Merges a Helm values fragment (e.g. kongSecretEnv's) into the chart values one level deep, so a fragment's
 * `env` or `customEnv` adds variables instead of replacing the ones already set (env.database).
 */
export function mergeHelmValues<T extends object>(values: T, fragment: Readonly<Record<string, unknown>>): T {
  const out: Record<string, unknown> = { ...(values as Record<string, unknown>) };
  for (const [key, value] of Object.entries(fragment)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? { ...current, ...value } : value;
  }
  return out as T;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
