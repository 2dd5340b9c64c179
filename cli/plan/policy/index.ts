import { IDENTITY_POLICY_PACK_ENFORCEMENT, IDENTITY_POLICY_PACK_NAME, identityPolicies } from "../../../policy-packs/identity/policies";
import type { PackToRun } from "./run-pack";

export * from "./types";
export * from "./policy-config";
export * from "./run-pack";
export * from "./render";

/** The identity pack as `kis plan` runs it: same name, policies and pack-wide level as policy-packs/identity/index.ts. */
export const IDENTITY_PACK: PackToRun = {
  name: IDENTITY_POLICY_PACK_NAME,
  enforcementLevel: IDENTITY_POLICY_PACK_ENFORCEMENT,
  policies: identityPolicies,
 };
