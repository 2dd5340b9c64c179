export type { AccessContext, AccessFact, FactValue, Rule } from "./types";
export { accessFacts } from "./extract";
export { compareAccess } from "./compare-access";
export { uriConcerns, coveredBy } from "./coverage";
