import type { ResourceValidationPolicy } from "@pulumi/policy";
import { isAsymmetric } from "./algorithms";
import { helmValues, isKongRelease } from "./helm-values";
import { KONG_CONFIG_GZIP_KEY, KONG_CONFIG_KEY, kongYamlOfConfigMap, parseKongYaml } from "./kong-config";
import { readConfig } from "./policy-config";
import { isRecord, record, strings } from "./props";
import { HELM_RELEASE, K8S_CONFIG_MAP } from "./resource-types";
import { SECRET_PLACEHOLDER, secretnessKnown } from "./secret-visibility";
import { nameList, violation } from "./violation";
import { parse } from "yaml";

export interface SecretsAreSecretConfig {
  /** More input names (any case; `_`/`-` ignored) that hold sensitive values. */
  extraSensitiveKeys: string[];
}

export const SECRETS_ARE_SECRET_DEFAULTS: SecretsAreSecretConfig = { extraSensitiveKeys: [] };

/**
 * Input names that hold credentials, compared lower-case without `_` and `-`. Container names such as
 * `credentials` are not listed: the walk looks inside them and reports the leaf (`credentials.clientSecret`).
 */
const SENSITIVE_KEYS = new Set([
  "secret", "clientsecret", "clientbasicsecret", "clientbasicsecretwo", "sharedsecret", "password", "passwd", "passphrase",
  "privatekey", "apikey", "accesskey", "secretkey", "secretaccesskey", "token", "accesstoken", "refreshtoken", "bearertoken",
  "authtoken", "provisioningkey", "provisionkey", "license", "licence", "licensekey", "licensedata", "licensejson",
]);

/** Containers whose keys are named like credentials but hold settings (Cognito: `{ accessToken: "minutes" }`). */
const SETTINGS_CONTAINERS = new Set(["tokenvalidityunits"]);

const PRIVATE_KEY_PEM = /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/;
/** Kong vault references (`{vault://env/ping-secret}`) name a secret without holding it. */
const VAULT_REFERENCE = /^\{vault:\/\/.+\}$/;

const normalize = (key: string) => key.replace(/[-_]/g, "").toLowerCase();

interface Finding {
  readonly path: string;
  readonly secret: boolean;
}

/**
 * secrets-are-secret: every sensitive input (client secrets, licences, keys, passwords, provisioning keys)
 * is a Pulumi secret, so it is encrypted in the state and masked in output; and no credential sits in a
 * Kubernetes ConfigMap or in Helm values, which are stored in clear text in the cluster however Pulumi
 * treats them.
 *
 * What is checked where:
 * - ConfigMaps (kong.yml included) and the Kong Helm release's values: everywhere (engine and kis plan).
 * - Pulumi secretness of sensitive inputs: only where it is visible, i.e. in `kis plan` (see
 *   secret-visibility.ts). Under `pulumi preview` this half cannot run: @pulumi/policy does not say which
 *   inputs were secret. Generated provider SDKs (azuread, okta, aws) wrap their schema-secret inputs
 *   themselves; the inputs at risk are those of dynamic providers and hand-built values.
 */
export const secretsAreSecret: ResourceValidationPolicy = {
  name: "secrets-are-secret",
  description:
    "Every sensitive input (client secrets, licences, keys, passwords) is a Pulumi secret, and no credential is stored in a ConfigMap or in Helm values.",
  enforcementLevel: "mandatory",
  severity: "critical",
  configSchema: {
    properties: {
      extraSensitiveKeys: {
        type: "array",
        items: { type: "string" },
        default: [],
        description: "more input names that hold credentials (case and _/- are ignored)",
      },
    },
  },
  remediationSteps:
    "Wrap credentials with pulumi.secret() (or read them with config.requireSecret), and keep them in Kubernetes Secrets referenced by name, never in ConfigMaps or Helm values.",
  validateResource: (args, report) => {
    const { extraSensitiveKeys } = readConfig(args, SECRETS_ARE_SECRET_DEFAULTS);
    const extra = new Set(extraSensitiveKeys.map(normalize));
    // Remembered per key: a kong.yml of thousands of routes repeats a few hundred key names.
    const verdicts = new Map<string, boolean>();
    const sensitive = (key: string) => {
      let verdict = verdicts.get(key);
      if (verdict === undefined) verdicts.set(key, (verdict = SENSITIVE_KEYS.has(normalize(key)) || extra.has(normalize(key))));
      return verdict;
    };

    if (args.type === K8S_CONFIG_MAP) {
      const data: Record<string, unknown> = { ...record(args.props["data"]) };
      // A gzip-delivered kong.yml is checked as the text the init container unpacks.
      if (record(args.props["binaryData"])?.[KONG_CONFIG_GZIP_KEY] !== undefined) data[KONG_CONFIG_KEY] = kongYamlOfConfigMap(args.props);
      for (const [key, value] of Object.entries(data)) {
        if (typeof value !== "string") continue;
        const found = key === KONG_CONFIG_KEY ? kongYamlCredentials(value, sensitive) : [];
        if (PRIVATE_KEY_PEM.test(value)) found.push(`data.${key} (a PEM private key)`);
        if (found.length > 0) {
          report(
            violation(
              args,
              `the ConfigMap holds credentials in clear text: ${nameList(found)}`,
              "move them to a Kubernetes Secret (Kong: a {vault://...} reference) and reference it by name",
            ),
          );
        }
      }
    }
    if (args.type === HELM_RELEASE && isKongRelease(args.props)) {
      const found = walk(helmValues(args.props), "values", sensitive).map((f) => f.path);
      if (found.length > 0) {
        report(
          violation(
            args,
            `Helm values hold credentials (${nameList(found)}); Helm stores values in the release Secret and Pulumi in the state`,
            "put the credential in a Kubernetes Secret and reference it (for the licence: kong.licenseSecretName)",
          ),
        );
      }
      return;
    }
    if (args.type === K8S_CONFIG_MAP || !secretnessKnown(args)) return;
    const plain = walk(args.props, "", sensitive).filter((f) => !f.secret);
    if (plain.length > 0) {
      report(
        violation(
          args,
          `sensitive input ${nameList(plain.map((f) => f.path))} is not a Pulumi secret: it would be stored unencrypted in the state and shown in plain text`,
          "wrap the value with pulumi.secret(...) (or read it with config.requireSecret) before passing it to the resource",
        ),
      );
    }
  },
};

/** Sensitive-named values below `value`. */
function walk(value: unknown, path: string, sensitive: (key: string) => boolean): Finding[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => walk(v, `${path}[${i}]`, sensitive));
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const here = path ? `${path}.${key}` : key;
    if (SETTINGS_CONTAINERS.has(normalize(key))) return [];
    if (sensitive(key) && holdsValue(v)) return [{ path: here, secret: isPlaceholder(v) }];
    return walk(v, here, sensitive);
  });
}

function holdsValue(v: unknown): boolean {
  if (typeof v === "string") return v.length > 0;
  if (Array.isArray(v)) return v.some(holdsValue);
  if (isRecord(v)) return Object.values(v).some(holdsValue);
  return false;
}

function isPlaceholder(v: unknown): boolean {
  if (v === SECRET_PLACEHOLDER) return true;
  if (Array.isArray(v)) return v.every((x) => !holdsValue(x) || isPlaceholder(x));
  if (isRecord(v)) return Object.values(v).every((x) => !holdsValue(x) || isPlaceholder(x));
  return false;
}

/**
 * Credentials in a kong.yml: sensitive-named values that are not vault references. A jwt credential's
 * `secret` is unused with an asymmetric algorithm (the stack writes a fixed placeholder there because the
 * declarative schema requires the field).
 */
/** openid-connect secrets the client-secret-by-reference rule checks. */
const OIDC_SECRET_FIELDS = ["client_secret", "session_secret"];

function kongYamlCredentials(textValue: string, sensitive: (key: string) => boolean): string[] {
  // The parse the other Kong rules share; any other YAML is still scanned.
  let doc: unknown = parseKongYaml(textValue)?.document;
  if (doc === undefined) {
    try {
      doc = parse(textValue);
    } catch {
      return [];
    }
  }
  const found: string[] = [];
  const visit = (value: unknown, path: string, oidcConfig = false) => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (typeof value[i] === "object" && value[i] !== null) visit(value[i], `${path}[${i}]`);
      return;
    }
    if (!isRecord(value)) return;
    const keys = Object.keys(value);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const v = value[key];
      // client-secret-by-reference reports these (one finding per mistake).
      if (oidcConfig && OIDC_SECRET_FIELDS.includes(key)) continue;
      const isSensitive = sensitive(key);
      if (isSensitive && typeof v === "string" && v.length > 0 && !VAULT_REFERENCE.test(v)) {
        const unusedJwtSecret = key === "secret" && isAsymmetric(value["algorithm"]);
        if (!unusedJwtSecret) found.push(`kong.yml${path}.${key}`);
      } else if (isSensitive && strings(v).some((s) => !VAULT_REFERENCE.test(s))) {
        found.push(`kong.yml${path}.${key}`);
      } else if (typeof v === "object" && v !== null) {
        visit(v, `${path}.${key}`, key === "config" && value["name"] === "openid-connect");
      }
    }
  };
  visit(doc, "");
  return found;
}

