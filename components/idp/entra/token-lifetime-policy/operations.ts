import type { RestClient } from "../../../shared/http";
import { lifetimeDefinition, lifetimeFromDefinition } from "./definition";

/**
 * The Graph calls behind the TokenLifetimePolicy resource. One policy per API application: it is created,
 * then assigned (`$ref`) to the application; deleting unassigns it first. Nothing is left half-made: if the
 * assignment fails, the policy just created is deleted again.
 */
const POLICIES = "/v1.0/policies/tokenLifetimePolicies";
const appPolicies = (applicationObjectId: string) => `/v1.0/applications/${encodeURIComponent(applicationObjectId)}/tokenLifetimePolicies`;

export interface TokenLifetimePolicyState {
  readonly policyId: string;
  readonly displayName: string;
  readonly accessTokenLifetimeMinutes: number | undefined;
  /** Whether the policy is assigned to the application. */
  readonly assigned: boolean;
}

interface GraphPolicy {
  readonly id: string;
  readonly displayName?: string;
  readonly definition?: unknown;
}

/** A conflict the user must resolve: the application already has another token-lifetime policy. */
export class AssignmentConflictError extends Error {
  constructor(applicationObjectId: string, existing: readonly GraphPolicy[]) {
    super(
      `application ${applicationObjectId} already has the token lifetime policy ${existing
        .map((p) => `${p.id} (${JSON.stringify(p.displayName ?? "")})`)
        .join(", ")}; Entra allows one per application: remove that assignment, or import it, before this stack manages the lifetime`,
    );
    this.name = "AssignmentConflictError";
  }
}

export async function assignedPolicies(graph: RestClient, applicationObjectId: string): Promise<GraphPolicy[]> {
  const response = await graph.request<{ value?: GraphPolicy[] }>({ method: "GET", path: appPolicies(applicationObjectId) });
  return response.body?.value ?? [];
}

export async function createAndAssign(
  graph: RestClient,
  graphBaseUrl: string,
  input: { applicationObjectId: string; displayName: string; accessTokenLifetimeMinutes: number },
): Promise<TokenLifetimePolicyState> {
  const existing = await assignedPolicies(graph, input.applicationObjectId);
  if (existing.length > 0) throw new AssignmentConflictError(input.applicationObjectId, existing);

  const created = await graph.request<GraphPolicy>({
    method: "POST",
    path: POLICIES,
    json: { definition: lifetimeDefinition(input.accessTokenLifetimeMinutes), displayName: input.displayName, isOrganizationDefault: false },
  });
  const policyId = created.body.id;
  try {
    await graph.request({
      method: "POST",
      path: `${appPolicies(input.applicationObjectId)}/$ref`,
      json: { "@odata.id": `${graphBaseUrl.replace(/\/+$/, "")}${POLICIES}/${policyId}` },
    });
  } catch (error) {
    // Leave nothing half-made: the unassigned policy would otherwise linger.
    await graph.request({ method: "DELETE", path: `${POLICIES}/${encodeURIComponent(policyId)}`, accept: [404] });
    const now = await assignedPolicies(graph, input.applicationObjectId).catch(() => []);
    if (now.some((p) => p.id !== policyId)) throw new AssignmentConflictError(input.applicationObjectId, now);
    throw error;
  }
  return { policyId, displayName: input.displayName, accessTokenLifetimeMinutes: input.accessTokenLifetimeMinutes, assigned: true };
}

/** The policy as Graph has it now, or undefined when it no longer exists. */
export async function readPolicy(
  graph: RestClient,
  policyId: string,
  applicationObjectId: string,
): Promise<TokenLifetimePolicyState | undefined> {
  const response = await graph.request<GraphPolicy>({ method: "GET", path: `${POLICIES}/${encodeURIComponent(policyId)}`, accept: [404] });
  if (response.status === 404) return undefined;
  const assigned = (await assignedPolicies(graph, applicationObjectId)).some((p) => p.id === policyId);
  return {
    policyId,
    displayName: response.body.displayName ?? "",
    accessTokenLifetimeMinutes: lifetimeFromDefinition(response.body.definition),
    assigned,
  };
}

export async function updatePolicy(
  graph: RestClient,
  graphBaseUrl: string,
  policyId: string,
  input: { applicationObjectId: string; displayName: string; accessTokenLifetimeMinutes: number },
): Promise<TokenLifetimePolicyState> {
  await graph.request({
    method: "PATCH",
    path: `${POLICIES}/${encodeURIComponent(policyId)}`,
    json: { definition: lifetimeDefinition(input.accessTokenLifetimeMinutes), displayName: input.displayName },
  });
  // Re-assign if someone removed the assignment (a refresh would have shown assigned: false).
  const assigned = await assignedPolicies(graph, input.applicationObjectId);
  if (!assigned.some((p) => p.id === policyId)) {
    if (assigned.length > 0) throw new AssignmentConflictError(input.applicationObjectId, assigned);
    await graph.request({
      method: "POST",
      path: `${appPolicies(input.applicationObjectId)}/$ref`,
      json: { "@odata.id": `${graphBaseUrl.replace(/\/+$/, "")}${POLICIES}/${policyId}` },
    });
  }
  return { policyId, displayName: input.displayName, accessTokenLifetimeMinutes: input.accessTokenLifetimeMinutes, assigned: true };
}

/** Unassigns and deletes; either being gone already (404) is fine. */
export async function unassignAndDelete(graph: RestClient, policyId: string, applicationObjectId: string): Promise<void> {
  await graph.request({
    method: "DELETE",
    path: `${appPolicies(applicationObjectId)}/${encodeURIComponent(policyId)}/$ref`,
    accept: [404],
  });
  await graph.request({ method: "DELETE", path: `${POLICIES}/${encodeURIComponent(policyId)}`, accept: [404] });
}
