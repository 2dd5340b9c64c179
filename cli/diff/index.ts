export * from "./types";
export { identityFacts, kongChecks, type IdentityFacts, type KongRouteChecks } from "./facts";
export { compareFacts, delta } from "./compare";
export { comparePolicy, policyVerdicts } from "./policy";
export { compareUnknownSections, KNOWN_SECTIONS } from "./generic";
export { diffPlans, diffPlanSets, countClasses } from "./plan-diff";
export { loadPlans } from "./load";
export { renderMarkdown, COMMENT_MARKER, GITHUB_COMMENT_LIMIT } from "./render-markdown";
export { changeLine, renderText } from "./render-text";
