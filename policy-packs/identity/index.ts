/**
 * The identity policy pack's entry point for the Pulumi engine:
 *   pulumi preview --policy-pack policy-packs/identity [--policy-pack-config policy-packs/identity/config/prod.json]
 *
 * The ONLY place that constructs the PolicyPack: the constructor starts the analyzer's gRPC server (and
 * exits the process if a second pack is constructed). Tests and `kis plan` import `./policies` instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { IDENTITY_POLICY_PACK_ENFORCEMENT, IDENTITY_POLICY_PACK_NAME, identityPolicies } from "./policies";

new PolicyPack(IDENTITY_POLICY_PACK_NAME, {
  description:
    "Identity consistency for kong-identity-stack: audience, issuer, algorithms, leeway, token and secret lifetimes, redirect URIs, grants, Kong admin exposure, secrets.",
  enforcementLevel: IDENTITY_POLICY_PACK_ENFORCEMENT,
  policies: identityPolicies,
});
