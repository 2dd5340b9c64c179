/** PingAccess object names: one prefix per API and environment, so two stacks never collide on one server. */
export interface PingAccessNames {
  readonly prefix: string;
  readonly sidebandClient: string;
  readonly tokenValidator: string;
  readonly application: string;
  scopeRule(scope: string): string;
  groupRule(group: string): string;
  /** The rule set that admits any one of a route's groups. */
  groupRuleSet(route: string): string;
}

export function pingAccessNames(apiName: string, environment: string, applicationName?: string): PingAccessNames {
  const prefix = `${apiName}-${environment}`;
  return {
    prefix,
    sidebandClient: `${prefix}-kong`,
    tokenValidator: `${prefix}-jwks`,
    application: applicationName ?? prefix,
    scopeRule: (scope) => `${prefix}-scope-${scope}`,
    groupRule: (group) => `${prefix}-group-${group}`,
    groupRuleSet: (route) => `${prefix}-${route}-any-group`,
  };
}
