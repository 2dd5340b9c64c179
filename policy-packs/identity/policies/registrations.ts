import type { PolicyResource } from "@pulumi/policy";
import type { IdentityContract } from "../../../components/contract";
import { isRecord, list, text } from "./props";

/**
 * What the IdP registrations in a stack produce. Each registration component (EntraRegistration, and the
 * Okta and Cognito ones) registers its identity contract as the output `contract`; the engine hands stack
 * policies a component's registered outputs as its properties, and `kis plan` does the same. The contract
 * holds no secrets. During `pulumi preview` of a new stack the contract is not known yet: reading it then
 * makes the engine report the stack policy as "can't run during preview" (advisory) instead of guessing.
 */
export interface Registration {
  readonly resource: Pick<PolicyResource, "urn" | "type" | "name">;
  readonly contract: IdentityContract;
}

export function registrationsIn(resources: readonly PolicyResource[]): Registration[] {
  const found: Registration[] = [];
  for (const r of resources) {
    const contract = r.props["contract"];
    if (isContract(contract)) found.push({ resource: r, contract });
  }
  if (found.length > 0) return found;
  // A stack that only exports the contracts from a top-level component (`contracts`).
  for (const r of resources) {
    for (const c of list(r.props["contracts"])) if (isContract(c)) found.push({ resource: r, contract: c });
  }
  return found;
}

function isContract(value: unknown): value is IdentityContract {
  return (
    isRecord(value) &&
    typeof text(value["issuer"]) === "string" &&
    typeof text(value["provider"]) === "string" &&
    typeof text(value["discoveryUrl"]) === "string" &&
    typeof text(value["jwksUri"]) === "string"
  );
}
