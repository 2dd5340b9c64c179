import type { ZpaCredentialSource } from "./connection";

export interface ZpaCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** Where named credentials are looked up when a provider runs (the process environment, the stack config). */
export interface CredentialLookup {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The stack config the engine hands a dynamic provider (`configure`); absent outside the engine. */
  readonly config?: { get(key: string): string | undefined };
}

/** A credential that is not where the stack says it is. The message names it and says how to supply it. */
export class ZpaCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.message = message; // survives Pulumi's closure serialisation (see RestError)
    this.name = "ZpaCredentialsError";
  }
}

/** Reads the client id and secret from where the connection names them. Never includes a value in an error. */
export function resolveZpaCredentials(source: ZpaCredentialSource, lookup: CredentialLookup): ZpaCredentials {
  if (source.source === "environment") {
    const clientId = lookup.env[source.clientIdEnv];
    const clientSecret = lookup.env[source.clientSecretEnv];
    const missing = [!clientId && source.clientIdEnv, !clientSecret && source.clientSecretEnv].filter(Boolean);
    if (missing.length > 0) {
      throw new ZpaCredentialsError(
        `ZPA credentials: environment variable ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set; export the ZPA API client's id and secret before pulumi up, or set zpa.credentials.source: pulumi-config`,
      );
    }
    return { clientId: clientId!, clientSecret: clientSecret! };
  }
  const clientId = lookup.config?.get(source.clientIdKey);
  const clientSecret = lookup.config?.get(source.clientSecretKey);
  const missing = [!clientId && source.clientIdKey, !clientSecret && source.clientSecretKey].filter((k): k is string => Boolean(k));
  if (missing.length > 0) {
    throw new ZpaCredentialsError(
      `ZPA credentials: Pulumi config ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set; run ${missing.map((k) => `pulumi config set --secret ${k} <value>`).join(" and ")}`,
    );
  }
  return { clientId: clientId!, clientSecret: clientSecret! };
}
