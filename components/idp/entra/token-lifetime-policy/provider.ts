import type * as pulumi from "@pulumi/pulumi";
import type { RetryPolicy } from "../../../shared/http";
import { lifetimeProblem } from "./definition";
import { createGraphClient, graphCredentialsFromEnv, GRAPH_BASE_URL, LOGIN_BASE_URL } from "./graph-client";
import { createAndAssign, readPolicy, unassignAndDelete, updatePolicy, type TokenLifetimePolicyState } from "./operations";

/** The resource's inputs (all plain values: no credentials, which come from the environment). */
export interface TokenLifetimePolicyInputs {
  readonly tenantId: string;
  /** Object id (not client id) of the API application: `azuread.Application.objectId`. */
  readonly applicationObjectId: string;
  readonly accessTokenLifetimeMinutes: number;
  readonly displayName: string;
  readonly graphBaseUrl: string;
  readonly loginBaseUrl: string;
}

export type TokenLifetimePolicyOutputs = TokenLifetimePolicyInputs & TokenLifetimePolicyState;

export interface ProviderDependencies {
  /** Where credentials are read (at each operation, never stored). Default: the process environment. */
  readonly env?: () => Readonly<Record<string, string | undefined>>;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly retry?: Partial<RetryPolicy>;
  readonly log?: (line: string) => void;
}

/** Inputs whose change means another policy on another application: replace (unassign and delete first). */
const REPLACE_ON: readonly (keyof TokenLifetimePolicyInputs)[] = ["tenantId", "applicationObjectId"];
const UPDATE_ON: readonly (keyof TokenLifetimePolicyInputs)[] = ["accessTokenLifetimeMinutes", "displayName", "graphBaseUrl", "loginBaseUrl"];

/**
 * The dynamic provider of `pulumi-nodejs:dynamic/entra:TokenLifetimePolicy`. Pulumi serialises this object by
 * value, so the methods only use their arguments, `deps` and imported functions.
 */
export function createTokenLifetimePolicyProvider(deps: ProviderDependencies = {}): pulumi.dynamic.ResourceProvider {
  const clientFor = (inputs: TokenLifetimePolicyInputs) =>
    createGraphClient({
      tenantId: inputs.tenantId,
      credentials: graphCredentialsFromEnv(deps.env ? deps.env() : process.env),
      graphBaseUrl: inputs.graphBaseUrl,
      loginBaseUrl: inputs.loginBaseUrl,
      sleep: deps.sleep,
      retry: deps.retry,
      log: deps.log,
    });
  const normalise = (raw: Record<string, any>): TokenLifetimePolicyInputs => ({
    tenantId: raw["tenantId"],
    applicationObjectId: raw["applicationObjectId"],
    accessTokenLifetimeMinutes: raw["accessTokenLifetimeMinutes"],
    displayName: raw["displayName"],
    graphBaseUrl: raw["graphBaseUrl"] ?? GRAPH_BASE_URL,
    loginBaseUrl: raw["loginBaseUrl"] ?? LOGIN_BASE_URL,
  });

  return {
    async check(_olds, news) {
      const failures: pulumi.dynamic.CheckFailure[] = [];
      const problem = lifetimeProblem(news["accessTokenLifetimeMinutes"]);
      if (problem) failures.push({ property: "accessTokenLifetimeMinutes", reason: problem });
      for (const key of ["tenantId", "applicationObjectId", "displayName"]) {
        if (news[key] !== undefined && (typeof news[key] !== "string" || news[key].length === 0)) {
          failures.push({ property: key, reason: `expected a non-empty string, got ${JSON.stringify(news[key])}` });
        }
      }
      return { inputs: news, failures };
    },

    async diff(_id, olds, news) {
      const changed = (key: string) => JSON.stringify(olds[key]) !== JSON.stringify(news[key]);
      const replaces = REPLACE_ON.filter(changed);
      const updates = UPDATE_ON.filter(changed);
      // A policy that a refresh found unassigned or changed outside Pulumi is put back.
      const drifted = olds["assigned"] === false || olds["accessTokenLifetimeMinutes"] !== news["accessTokenLifetimeMinutes"];
      return {
        changes: replaces.length > 0 || updates.length > 0 || drifted,
        replaces: [...replaces],
        // One policy per application: the old one must be gone before the new one is assigned.
        deleteBeforeReplace: true,
      };
    },

    async create(raw) {
      const inputs = normalise(raw);
      const state = await createAndAssign(clientFor(inputs), inputs.graphBaseUrl, inputs);
      return { id: state.policyId, outs: { ...inputs, ...state } };
    },

    async read(id, props) {
      const inputs = normalise(props ?? {});
      const state = await readPolicy(clientFor(inputs), id, inputs.applicationObjectId);
      if (!state) return {};
      return { id, props: { ...inputs, ...state } };
    },

    async update(id, _olds, news) {
      const inputs = normalise(news);
      const state = await updatePolicy(clientFor(inputs), inputs.graphBaseUrl, id, inputs);
      return { outs: { ...inputs, ...state } };
    },

    async delete(id, props) {
      const inputs = normalise(props);
      await unassignAndDelete(clientFor(inputs), id, inputs.applicationObjectId);
    },
  };
}
