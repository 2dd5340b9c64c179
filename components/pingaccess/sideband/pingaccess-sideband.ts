import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { pingAccessSpec, type PingAccessArgs } from "../args";
import { routeSpec, type KongArgs, type RouteArgs } from "../../kong/args";
import { pingAccessTokenValidation, providerJwksHost, tokenValidationChoice, type ProviderHostInput } from "../../shared/token-validation";
import type { IdentityContract } from "../../contract";
import {
  PINGACCESS_SECRET_ID,
  pingAccessKongSettings,
  pingAccessVirtualHosts,
  planPingAccessSideband,
  sharedSecretRotation,
  type PingAccessKongSettings,
  type PingAccessPlanInput,
} from "../builders";
import { pingAccessConnectionFrom } from "../client";
import { AccessTokenValidator, ThirdPartyService, Application, ResourceOrder, Resource, Rule, RuleSet, SidebandClient, VirtualHost, PINGACCESS_IMPORT_KEYS, type PingAccessKind } from "../providers";
import { placeholderContract } from "./placeholder-contract";

export const PINGACCESS_SIDEBAND_TYPE = "kong-identity-stack:pingaccess:PingAccessSideband";

export interface PingAccessSidebandArgs {
  /** The PingAccess admin and sideband hosts, credentials' source and rules (defaults applied inside). */
  readonly pingaccess: PingAccessArgs;
  /** Kong's routes (ping-auth runs on the protected ones, or on pingaccess.routes). */
  readonly routes: readonly RouteArgs[];
  /** Kong's host names: the virtual hosts Kong's sideband requests name. */
  readonly kong: Pick<KongArgs, "hostnames">;
  readonly apiName: string;
  readonly environment: string;
  /** The identity contract Kong validates against (one provider: see the pingaccess config checks). */
  readonly contract: pulumi.Input<IdentityContract>;
  /** Clock for the shared secret's rotation buckets; the offline plan pins it. */
  readonly now: Date;
  /** The (one) identity provider's config: where its JWKS is served decides the validator's shape. */
  readonly provider?: ProviderHostInput;
}

/**
 * PingAccess as Kong's sideband policy decision point: a sideband client holding the rotating shared secret,
 * a JWKS access token validator for the contract, the virtual hosts Kong's requests name, the scope and group
 * rules, and one API application with a resource per route. It gives Kong (`kong`) the ping-auth settings and
 * the secret for its env vault. Decisions live in the builders; this class only wires resources.
 */
export class PingAccessSideband extends pulumi.ComponentResource {
  declare readonly applicationId: pulumi.Output<string>;
  declare readonly sidebandClientId: pulumi.Output<string>;
  /** Secret: the value Kong sends (the newer of the two live credentials). */
  declare readonly sharedSecret: pulumi.Output<string>;
  /** Changes when Kong's secret changes (the active slot's rotation key), so Kong's pods restart. */
  declare readonly secretRevision: pulumi.Output<string>;
  /** ping-auth settings and plugin installation for KongGateway. */
  readonly kong: PingAccessKongSettings;

  constructor(name: string, args: PingAccessSidebandArgs, opts?: pulumi.ComponentResourceOptions) {
    super(PINGACCESS_SIDEBAND_TYPE, name, {}, opts);
    const pa = pingAccessSpec(args.pingaccess);
    const routes = args.routes.map(routeSpec);
    const { environment } = args;
    // Whether this PingAccess can validate the IdP's tokens at all (the stack file's check says the same with its key).
    const jwksHost = args.provider && providerJwksHost(args.provider);
    const reach = jwksHost && tokenValidationChoice({ jwksHost, tokenProviderHost: pa.tokenProviderHost, version: pa.version, audience: args.provider!.kind !== "cognito" });
    if (reach && "problem" in reach) throw new pulumi.ResourceError(`pingaccess.${reach.key}: ${reach.problem}`, this);
    const connection = pingAccessConnectionFrom(pa);
    const parent = { parent: this };
    const adoptId = (kind: PingAccessKind): { adoptId?: string } => {
      const key = PINGACCESS_IMPORT_KEYS[kind];
      const id = key ? (pa.importIds as Record<string, string | undefined>)[key] : undefined;
      return id ? { adoptId: id } : {};
    };

    const input: PingAccessPlanInput = {
      apiName: args.apiName,
      environment,
      applicationName: pa.applicationName,
      routeNames: pa.routes,
      routes,
      virtualHosts: pingAccessVirtualHosts(pa, args.kong.hostnames),
      secretHeaderName: pa.secretHeaderName,
      ruleOverrides: pa.ruleOverrides,
      ...(args.provider ? { tokenValidation: pingAccessTokenValidation(pa, args.provider) } : {}),
    };
    // Names and counts do not depend on the contract, so the resources can be registered before it resolves.
    const shape = planPingAccessSideband(input, placeholderContract);
    const plan = pulumi.output(args.contract).apply((c) => planPingAccessSideband(input, c));

    // ---------------------------------------------------------------- shared secret, two live slots
    const rotation = sharedSecretRotation(args.now, pa.sharedSecretLifetimeDays);
    const secrets = rotation.slots.map(
      (slot) =>
        new random.RandomPassword(
          `${name}-shared-secret-${slot.slot}`,
          // Letters and digits only: the value travels in an HTTP header. 48 characters ~ 285 bits.
          { length: 48, special: false, keepers: { rotation: slot.rotationKey } },
          parent,
        ),
    );
    const active = secrets[rotation.active.slot]!.result;
    const standby = secrets[1 - rotation.active.slot]!.result;
    this.sharedSecret = pulumi.secret(active);
    this.secretRevision = pulumi.output(rotation.active.rotationKey);

    const client = new SidebandClient(
      `${name}-sideband-client`,
      { connection, ...adoptId("SidebandClient"), ...shape.sidebandClient, secrets: pulumi.secret(pulumi.all([active, standby])) },
      parent,
    );

    // The IdP's JWKS host as a third-party service, where it is not PingAccess's token provider (8.3.2+).
    const thirdParty = shape.thirdPartyServices.map(
      (tps) => new ThirdPartyService(`${name}-third-party-${tps.name}`, { connection, name: tps.name, host: tps.host, port: tps.port }, parent),
    );
    const validator = new AccessTokenValidator(
      `${name}-token-validator`,
      {
        connection,
        ...adoptId("AccessTokenValidator"),
        name: shape.tokenValidator.name,
        className: shape.tokenValidator.className,
        path: plan.apply((p) => p.tokenValidator.path),
        ...(thirdParty[0] ? { thirdPartyService: shape.tokenValidator.thirdPartyService!, thirdPartyServiceId: thirdParty[0].id } : {}),
        skipAudienceValidation: shape.tokenValidator.skipAudienceValidation,
        issuer: plan.apply((p) => p.tokenValidator.issuer),
        audience: plan.apply((p) => p.tokenValidator.audience ?? ""),
        subjectAttributeName: shape.tokenValidator.subjectAttributeName,
      },
      parent,
    );

    const hosts = shape.virtualHosts.map(
      (vh) => new VirtualHost(`${name}-vhost-${vh.host}-${vh.port}`, { connection, host: vh.host, port: vh.port }, parent),
    );

    const rules = shape.rules.map(
      (rule, i) =>
        new Rule(
          `${name}-rule-${rule.name}`,
          {
            connection,
            name: rule.name,
            kind: rule.kind,
            value: plan.apply((p) => p.rules[i]!.value),
            claim: plan.apply((p) => p.rules[i]!.claim),
          },
          parent,
        ),
    );
    const ruleId = new Map(shape.rules.map((r, i) => [r.name, rules[i]!.id]));
    const ruleSets = shape.ruleSets.map(
      (set) =>
        new RuleSet(
          `${name}-ruleset-${set.name}`,
          { connection, name: set.name, successCriteria: set.successCriteria, rules: [...set.rules], ruleIds: set.rules.map((r) => ruleId.get(r)!) },
          parent,
        ),
    );
    const policyId = new Map<string, pulumi.Output<string>>([...ruleId, ...shape.ruleSets.map((s, i) => [s.name, ruleSets[i]!.id] as const)]);

    const application = new Application(
      `${name}-application`,
      {
        connection,
        ...adoptId("Application"),
        ...shape.application,
        sidebandClientId: client.id,
        accessValidatorId: validator.id,
        virtualHostIds: hosts.map((h) => h.id),
        enabled: true,
      },
      parent,
    );

    const resourceIds = new Map<string, pulumi.Output<string>>();
    for (const resource of shape.resources) {
      const created = new Resource(
        `${name}-resource-${resource.name}`,
        {
          connection,
          applicationId: application.id,
          name: resource.name,
          route: resource.route,
          methods: [...resource.methods],
          pathPatterns: resource.pathPatterns.map((p) => ({ ...p })),
          scopes: [...resource.scopes],
          groups: [...resource.groups],
          policy: resource.policy.map((item) => ({ type: item.type, name: item.name, id: policyId.get(item.name)! })),
        },
        parent,
      );
      resourceIds.set(resource.name, created.id);
    }
    // PingAccess takes the first matching resource: order them as Kong's router prefers routes, once all exist.
    new ResourceOrder(
      `${name}-resource-order`,
      { connection, applicationId: application.id, resources: [...shape.resourceOrder], resourceIds: shape.resourceOrder.map((n) => resourceIds.get(n)!) },
      parent,
    );

    this.kong = pingAccessKongSettings(pa, routes);
    this.applicationId = application.id;
    this.sidebandClientId = client.id;
    this.registerOutputs({
      applicationId: this.applicationId,
      sidebandClientId: this.sidebandClientId,
      sharedSecret: this.sharedSecret,
      secretRevision: this.secretRevision,
    });
  }

  /** The secret for Kong's env vault, by id; none when Kong reads it from another vault (sharedSecretReference). */
  vaultSecrets(): Record<string, pulumi.Output<string>> {
    return this.kong.pingAuth.secretReference ? {} : { [PINGACCESS_SECRET_ID]: this.sharedSecret };
  }
}
