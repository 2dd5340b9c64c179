import type { IdentityPolicy } from "../../../policy-packs/identity/policies";
import { UsageError } from "../../errors";
import { readJsonFile } from "../../input/json-file";
import { escapeText, showValue } from "../../output";
import type { EnforcementLevel } from "./types";

/**
 * `--policy-config FILE`: the JSON `pulumi preview --policy-pack-config FILE` takes:
 *   { "<policy name>" | "all": "<enforcement level>" | { "enforcementLevel"?: ..., "<property>": ... } }
 * Validated against each policy's configSchema (the subset of JSON Schema the pack uses), one line per
 * problem naming the key, so a typo fails here instead of being silently ignored.
 */

export const ENFORCEMENT_LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export interface PolicySettings {
  readonly enforcementLevel?: EnforcementLevel;
  readonly properties: Readonly<Record<string, unknown>>;
}

export type PolicyPackConfig = ReadonlyMap<string, PolicySettings>;

export function readPolicyConfigFile(path: string, policies: readonly IdentityPolicy[]): PolicyPackConfig {
  const raw = readJsonFile("--policy-config", path);
  const problems: string[] = [];
  const config = parsePolicyConfig(raw, policies, problems);
  if (problems.length > 0) throw new UsageError(problems.map((p) => `--policy-config ${escapeText(path)}: ${p}`).join("\n"));
  return config;
}

export function parsePolicyConfig(raw: unknown, policies: readonly IdentityPolicy[], problems: string[]): PolicyPackConfig {
  const out = new Map<string, PolicySettings>();
  if (!isObject(raw)) {
    problems.push(`expected an object keyed by policy name, got ${show(raw)}`);
    return out;
  }
  const names = policies.map((p) => p.name);
  for (const [name, value] of Object.entries(raw)) {
    const policy = policies.find((p) => p.name === name);
    if (!policy && name !== "all") {
      problems.push(`unknown policy ${show(name)}; expected "all" or one of ${names.join(", ")}`);
      continue;
    }
    if (typeof value === "string") {
      if (!ENFORCEMENT_LEVELS.includes(value as EnforcementLevel)) {
        problems.push(`${name}: expected an enforcement level (${ENFORCEMENT_LEVELS.join(", ")}), got ${show(value)}`);
      } else out.set(name, { enforcementLevel: value as EnforcementLevel, properties: {} });
      continue;
    }
    if (!isObject(value)) {
      problems.push(`${name}: expected an enforcement level or an object, got ${show(value)}`);
      continue;
    }
    const { enforcementLevel, ...properties } = value;
    if (enforcementLevel !== undefined && !ENFORCEMENT_LEVELS.includes(enforcementLevel as EnforcementLevel)) {
      problems.push(`${name}.enforcementLevel: expected one of ${ENFORCEMENT_LEVELS.join(", ")}, got ${show(enforcementLevel)}`);
    }
    const schema = policy?.configSchema?.properties ?? {};
    for (const [key, v] of Object.entries(properties)) {
      const prop = schema[key];
      if (!prop) {
        const known = Object.keys(schema);
        problems.push(
          `${name}.${key}: unknown property; ${known.length ? `expected one of enforcementLevel, ${known.join(", ")}` : "this policy takes only enforcementLevel"}`,
        );
        continue;
      }
      const problem = checkValue(v, prop as SchemaNode);
      if (problem) problems.push(`${name}.${key}: ${problem}`);
    }
    for (const required of policy?.configSchema?.required ?? []) {
      if (!(required in properties)) problems.push(`${name}.${required}: missing`);
    }
    out.set(name, { ...(enforcementLevel ? { enforcementLevel: enforcementLevel as EnforcementLevel } : {}), properties });
  }
  return out;
}

/** The JSON Schema keywords the pack's configSchemas use. */
interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: SchemaNode | boolean;
}

function checkValue(value: unknown, schema: SchemaNode): string | undefined {
  const types = schema.type === undefined ? [] : typeof schema.type === "string" ? [schema.type] : schema.type;
  if (types.length > 0 && !types.some((t) => hasType(value, t))) {
    return `expected ${describe(schema)}, got ${show(value)}`;
  }
  if (schema.enum && !schema.enum.some((e) => e === value)) return `expected ${describe(schema)}, got ${show(value)}`;
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return `expected ${describe(schema)}, got ${value}`;
    if (schema.maximum !== undefined && value > schema.maximum) return `expected ${describe(schema)}, got ${value}`;
  }
  if (Array.isArray(value) && typeof schema.items === "object") {
    for (const [i, item] of value.entries()) {
      const problem = checkValue(item, schema.items);
      if (problem) return `[${i}]: ${problem}`;
    }
  }
  return undefined;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "array":
      return Array.isArray(value);
    case "object":
      return isObject(value);
    case "null":
      return value === null;
    default:
      return typeof value === type;
  }
}

function describe(schema: SchemaNode): string {
  if (schema.enum) return `one of ${schema.enum.map(show).join(", ")}`;
  const types = schema.type === undefined ? "a value" : typeof schema.type === "string" ? schema.type : schema.type.join(" or ");
  const article = /^[aeiou]/.test(types) ? "an" : "a";
  const range =
    schema.minimum !== undefined && schema.maximum !== undefined
      ? ` from ${schema.minimum} to ${schema.maximum}`
      : schema.minimum !== undefined
        ? ` of at least ${schema.minimum}`
        : schema.maximum !== undefined
          ? ` of at most ${schema.maximum}`
          : "";
  return `${article} ${types}${range}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const show = (v: unknown) => showValue(v);

/**
 * Settings that are valid but almost surely not meant: a config that disables every policy (`{"all": "disabled"}`)
 * runs "0 policies" and passes anything. Printed as warnings; the plan still runs.
 */
export function policyConfigWarnings(config: PolicyPackConfig, policies: readonly IdentityPolicy[]): string[] {
  if (config.size === 0) return [];
  const level = (name: string) => config.get(name)?.enforcementLevel ?? config.get("all")?.enforcementLevel;
  const disabled = policies.filter((p) => level(p.name) === "disabled").map((p) => p.name);
  if (disabled.length === policies.length) {
    return [`--policy-config disables all ${policies.length} policies: the plan checks nothing. Remove "all": "disabled", or disable single policies by name`];
  }
  return disabled.length > policies.length / 2 ? [`--policy-config disables ${disabled.length} of ${policies.length} policies (${disabled.join(", ")})`] : [];
}
