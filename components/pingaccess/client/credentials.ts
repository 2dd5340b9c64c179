import type { PingAccessPasswordSource } from "./connection";

export interface PasswordLookup {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The stack config the engine hands a dynamic provider (`configure`); absent outside the engine. */
  readonly config?: { get(key: string): string | undefined };
}

/** A credential that is not where the stack says. The message names where it was looked for, never a value. */
export class PingAccessCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.message = message; // survives Pulumi's closure serialisation (see RestError)
    this.name = "PingAccessCredentialsError";
  }
}

export function resolvePingAccessPassword(source: PingAccessPasswordSource, lookup: PasswordLookup): string {
  if (source.source === "environment") {
    const value = lookup.env[source.passwordEnv];
    if (!value) {
      throw new PingAccessCredentialsError(
        `PingAccess credentials: environment variable ${source.passwordEnv} is not set; export the admin password before pulumi up, or set pingaccess.credentials.source: pulumi-config`,
      );
    }
    return value;
  }
  const value = lookup.config?.get(source.passwordKey);
  if (!value) {
    throw new PingAccessCredentialsError(
      `PingAccess credentials: Pulumi config ${source.passwordKey} is not set; run pulumi config set --secret ${source.passwordKey} <password>`,
    );
  }
  return value;
}
