import type { PlanDocument } from "../../../plan/plan-document";
import type { AccessFact } from "../types";
import { cognitoFacts } from "./cognito";
import { entraFacts } from "./entra";
import { f5Facts } from "./f5";
import { kongListenerFacts } from "./kong";
import { oktaFacts } from "./okta";
import { pingAccessFacts } from "./pingaccess";
import { zpaFacts } from "./zpa";

/** Every access fact of one plan, from the resources it would create (what the clouds would be told). */
export function accessFacts(plan: PlanDocument): AccessFact[] {
  return [entraFacts, oktaFacts, cognitoFacts, kongListenerFacts, zpaFacts, f5Facts, pingAccessFacts].flatMap((extract) => extract(plan));
}
