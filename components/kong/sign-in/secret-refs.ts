import type { BrowserSignIn } from "../../sign-in";
import type { KongBrowserSignIn } from "../plugins";
import { vaultReference } from "../vault";

/** Vault ids: one per web client secret (shared by its routes), one per route's session secret. */
export const clientSecretId = (client: string): string => `kis-client-secret-${client}`;
export const sessionSecretId = (route: string): string => `kis-session-secret-${route}`;

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
