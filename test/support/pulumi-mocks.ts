import * as pulumi from "@pulumi/pulumi";
import { fillOutputs } from "../../cli/plan/mock-outputs";

/** One resource the program registered under the mocks. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  /** The inputs as the program gave them, secret values unwrapped (which ones were secret: `secretPaths`). */
  readonly inputs: Record<string, any>;
  /** The id the mock returned: the import/read id if the program gave one, else the filler's. */
  readonly id: string;
  /** The outputs the mock returned: the filler's, with the caller's overrides on top. */
  readonly state: Record<string, any>;
  /** The explicit provider reference (`<urn>::<id>`), if any. */
  readonly provider?: string;
  /** The id of an existing resource the program asked to import or read, if any (`MockResourceArgs.id`). */
  readonly importId?: string;
}

export interface RecordingMocksOptions {
  /** The stack name the mocks report; `test` unless given. */
  readonly stack?: string;
  /**
   * Outputs to return instead of the filler's, per resource (merged over the filled state). Called at registration
   * time, so it may read maps the tests change between cases.
   */
  readonly override?: (type: string, name: string) => Record<string, unknown> | undefined;
}

export interface RecordingMocks {
  /** Every registration so far, in order. */
  readonly registrations: Registration[];
  /** Paths (`<resource name>.<input path>`) of the inputs that arrived as Pulumi secrets. */
  readonly secretPaths: string[];
  /** The setMocks promise: await it before importing the component module. */
  readonly ready: Promise<void>;
  /** Resources register asynchronously (after their inputs resolve): waits until one with this name exists. */
  registered(name: string): Promise<Registration>;
}

/** Mocks receive secret inputs wrapped in Pulumi's secret signature; the tests compare plain values. */
const SECRET_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

function unwrapSecrets(value: any, path: string, secretPaths: string[]): any {
  if (Array.isArray(value)) return value.map((v, i) => unwrapSecrets(v, `${path}[${i}]`, secretPaths));
  if (value && typeof value === "object") {
    if (value[SECRET_KEY] === SECRET_SIG) {
      secretPaths.push(path);
      return unwrapSecrets(value.value, path, secretPaths);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v, path ? `${path}.${k}` : k, secretPaths)]));
  }
  return value;
}

/**
 * Installs Pulumi mocks (not a preview: outputs have values) that fill outputs like the offline plan does
 * (`fillOutputs`) and record every registration.
 *
 * Call it at the top of the test file and import the component module only afterwards, in `beforeAll`
 * (`await ready; mod = await import(...)`): a module imported before setMocks does not see the mocks.
 */
export function startRecordingMocks(options: RecordingMocksOptions = {}): RecordingMocks {
  const registrations: Registration[] = [];
  const secretPaths: string[] = [];
  const ready = pulumi.runtime.setMocks(
    {
      newResource(args) {
        const filled = fillOutputs(args.type, args.name, args.inputs, { provider: args.provider });
        const id = args.id || filled.id;
        const state = { ...filled.state, ...options.override?.(args.type, args.name) };
        registrations.push({
          type: args.type,
          name: args.name,
          inputs: unwrapSecrets(args.inputs, args.name, secretPaths),
          id,
          state,
          ...(args.provider === undefined ? {} : { provider: args.provider }),
          ...(args.id ? { importId: args.id } : {}),
        });
        return { id, state };
      },
      call: (args) => args.inputs,
    },
    "kong-identity-stack",
    options.stack ?? "test",
    false,
  );

  async function registered(name: string): Promise<Registration> {
    for (let i = 0; i < 300; i++) {
      const found = registrations.find((r) => r.name === name);
      if (found) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`resource ${name} was never registered; saw ${registrations.map((r) => r.name).join(", ") || "none"}`);
  }

  return { registrations, secretPaths, ready, registered };
}

/** The value of an output (under mocks that are not a preview, every output has one). */
export const outputValue = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply((v) => (resolve(v), v)));
