import type { ResourceValidationPolicy, StackValidation } from "@pulumi/policy";

/**
 * A policy of this pack: a resource policy, a stack policy, or both. Some rules check a resource before it
 * is created (validateResource) and also something only the whole stack shows, such as the contracts the
 * IdP registration components register as outputs (validateStack). @pulumi/policy's analyzer runs each half
 * in its own RPC (Analyze per resource, AnalyzeStack once) and so does `kis plan`.
 */
export interface IdentityPolicy extends ResourceValidationPolicy {
  readonly validateStack?: StackValidation;
}
