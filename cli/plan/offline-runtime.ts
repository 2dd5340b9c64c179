import * as pulumi from "@pulumi/pulumi";
import { fillOutputs } from "./mock-outputs";

/** One resource as the program registered it. Secret input values are replaced by SECRET_PLACEHOLDER. */
export interface RecordedResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly parent: string | undefined;
  readonly dependencies: readonly string[];
  readonly inputs: Record<string, unknown>;
  /** Top-level input names that held a Pulumi secret. */
  readonly secretInputs: readonly string[];
}

export const SECRET_PLACEHOLDER = "[secret]";

const SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";

/** What a component registered with `registerOutputs`, secrets replaced by SECRET_PLACEHOLDER. */
export interface RecordedOutputs {
  readonly outputs: Record<string, unknown>;
  /** Top-level output names that held a Pulumi secret. */
  readonly secretOutputs: readonly string[];
}

export interface OfflineRuntime {
  readonly resources: RecordedResource[];
  /**
   * Component outputs by URN: what the engine hands stack policies as a component's properties (its
   * registered outputs). Kept out of plan.json (it would repeat kong.yml and the contracts).
   */
  readonly componentOutputs: Map<string, RecordedOutputs>;
  /** Resolves once no registration is in flight and none has started for a few event-loop turns. */
  settled(): Promise<void>;
  /** Pulumi operations (registrations, outputs) still pending: after settled(), anything but 0 is a kis bug. */
  pending(): number;
}

/**
 * Points the real Pulumi SDK at an in-process mock monitor (no CLI, no plugins, no cloud) and records every
 * registration: type, name, parent, dependencies and inputs, as the engine would receive them.
 * Must be called before the program module is imported.
 */
export function startOfflineRuntime(options: {
  project: string;
  stack: string;
  config: Record<string, string>;
  secretKeys?: string[];
  /** How long settled() waits for pending operations before it gives up (then pending() says how many). */
  settleTimeoutMs?: number;
}): OfflineRuntime {
  const settleTimeoutMs = options.settleTimeoutMs ?? 120_000;
  pulumi.runtime.setAllConfig(options.config, options.secretKeys);
  pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        const filled = fillOutputs(args.type, args.name, args.inputs, { provider: args.provider });
        return { id: args.custom ? filled.id : undefined, state: filled.state } as pulumi.runtime.MockResourceResult;
      },
      call: (args) => {
        throw new Error(`kis plan: the program called ${args.token}, which has no offline answer`);
      },
    },
    options.project,
    options.stack,
    false,
  );

  skipClosureSerialization();

  const resources: RecordedResource[] = [];
  let inFlight = 0;
  let started = 0;
  const componentOutputs = new Map<string, RecordedOutputs>();
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, cb: (err: unknown, res: unknown) => void): Promise<void>;
    registerResourceOutputs(req: RegisterOutputsRequest, cb: (err: unknown, res: unknown) => void): void;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    inFlight++;
    started++;
    return register(req, (err, res) => {
      inFlight--;
      if (!err && res) resources.push(record(req, (res as { getUrn(): string }).getUrn()));
      callback(err, res);
    });
  };

  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, callback) => {
    started++;
    componentOutputs.set(req.getUrn(), recordOutputs(req));
    registerOutputs(req, callback);
  };

  return {
    resources,
    componentOutputs,
    settled: async () => {
      let quietTurns = 0;
      let lastStarted = -1;
      const giveUpAt = Date.now() + settleTimeoutMs;
      while (quietTurns < 5 && Date.now() < giveUpAt) {
        // Pulumi's own count of outstanding work, as the engine's language host waits on it before exiting: each
        // resource holds a keep-alive from its constructor until its registration is done, however long its
        // inputs take (kong.yml is compressed on the thread pool: 0.1 s at 5000 routes, longer than quiet turns).
        // A program waiting on something that never comes must not hang the plan: give up, and pending() tells.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([waitForPulumiRpcs(), new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, giveUpAt - Date.now()))))]);
        clearTimeout(timer);
        await new Promise((resolve) => setTimeout(resolve, 5));
        quietTurns = inFlight === 0 && started === lastStarted ? quietTurns + 1 : 0;
        lastStarted = started;
      }
    },
    pending: () => {
      // The runtime's own set of operations not yet finished (what it reports as "promises still active" at exit).
      const store = (require("@pulumi/pulumi/runtime/state") as { getStore(): { leakCandidates?: Set<unknown> } }).getStore();
      return store.leakCandidates?.size ?? 0;
    },
  };
}

/** settings.waitForRPCs, re-exported by @pulumi/pulumi's runtime but not in its type declarations. */
const waitForPulumiRpcs = (): Promise<void> => (pulumi.runtime as unknown as { waitForRPCs(): Promise<void> }).waitForRPCs();

/**
 * A dynamic resource (ZPA, F5) serializes its provider's code with Pulumi's closure serializer (about 20% of a
 * plan) so the engine can run it later. Under mocks nothing reads that text, so the offline plan answers with a
 * placeholder. `pulumi up`/`preview` never come here: the engine path serializes as usual.
 */
function skipClosureSerialization(): void {
  const closure = require("@pulumi/pulumi/runtime/closure/serializeClosure") as {
    serializeFunction: (...args: unknown[]) => Promise<{ text: string; containsSecrets: boolean }>;
  };
  closure.serializeFunction = async () => ({ text: OFFLINE_PROVIDER_TEXT, containsSecrets: false });
}

/** What `__provider` holds in an offline plan (it never reaches plan.json: `__` inputs are dropped). */
export const OFFLINE_PROVIDER_TEXT = "[dynamic provider code: not serialized by kis plan]";

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getCustom(): boolean;
  getParent(): string;
  getDependenciesList(): string[];
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface RegisterOutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

function recordOutputs(req: RegisterOutputsRequest): RecordedOutputs {
  const secretOutputs: string[] = [];
  const outputs = Object.fromEntries(
    Object.entries(req.getOutputs()?.toJavaScript() ?? {}).map(([key, value]) => {
      const { value: clean, secret } = redact(value);
      if (secret) secretOutputs.push(key);
      return [key, clean];
    }),
  );
  return { outputs, secretOutputs: secretOutputs.sort() };
}

function record(req: RegisterRequest, urn: string): RecordedResource {
  const secretInputs: string[] = [];
  const raw = req.getObject()?.toJavaScript() ?? {};
  const inputs = Object.fromEntries(
    Object.entries(raw)
      .filter(([key]) => !key.startsWith("__"))
      .map(([key, value]) => {
        const { value: clean, secret } = redact(value);
        if (secret) secretInputs.push(key);
        return [key, clean];
      }),
  );
  return {
    urn,
    type: req.getType(),
    name: req.getName(),
    custom: req.getCustom(),
    parent: req.getParent() || undefined,
    dependencies: [...new Set(req.getDependenciesList())].sort(),
    inputs,
    secretInputs: secretInputs.sort(),
  };
}

/** Replaces secret values by a placeholder and resource references by their URN. */
function redact(value: unknown): { value: unknown; secret: boolean } {
  if (Array.isArray(value)) {
    const items = value.map(redact);
    return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
  }
  if (value && typeof value === "object") {
    const obj = value as Record<string, unknown>;
    if (obj[SIG_KEY] === SECRET_SIG) return { value: SECRET_PLACEHOLDER, secret: true };
    if (obj[SIG_KEY] === RESOURCE_SIG) return { value: obj["urn"], secret: false };
    let secret = false;
    const out = Object.fromEntries(
      Object.entries(obj).map(([k, v]) => {
        const r = redact(v);
        secret ||= r.secret;
        return [k, r.value];
      }),
    );
    return { value: out, secret };
  }
  return { value, secret: false };
}
