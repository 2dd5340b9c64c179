import * as grpc from "@grpc/grpc-js";
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { REPO_ROOT } from "./run-kis";

/**
 * Starts a policy pack the way the Pulumi CLI does — `node @pulumi/pulumi/cmd/run-policy-pack <engine>
 * <pack dir>` with the pack directory as working directory, TypeScript compiled by Pulumi's own ts-node —
 * reads the port the analyzer prints, and talks to it over gRPC with the engine's protocol
 * (pulumi/analyzer.proto). Nothing here calls the policies directly.
 */
export interface PackServer {
  readonly client: AnalyzerClient;
  readonly stderr: () => string;
  stop(): Promise<void>;
}

export async function startPolicyPackServer(packDir: string, timeoutMs = 120_000): Promise<PackServer> {
  const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDir] });
  // The engine address is only handed through to the program; nothing in a policy pack dials it.
  const child: ChildProcess = spawn(process.execPath, [runner, "127.0.0.1:1", "."], { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`policy pack did not print a port within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    child.stdout!.on("data", (d) => {
      stdout += d;
      const match = /^(\d+)\s*$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`policy pack exited with ${code} before serving:\n${stderr}`));
    });
  });
  const client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    client,
    stderr: () => stderr,
    stop: async () => {
      client.close();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}

export const IDENTITY_PACK_DIR = join(REPO_ROOT, "policy-packs", "identity");

const settle =
  <T>(resolve: (v: T) => void, reject: (e: unknown) => void) =>
  (err: grpc.ServiceError | null, res: T) =>
    err ? reject(err) : resolve(res);

/** The analyzer RPCs the engine makes, as promises. */
export const rpc = {
  info: (c: AnalyzerClient) => new Promise<analyzer.AnalyzerInfo>((ok, no) => c.getAnalyzerInfo(new Empty(), settle(ok, no))),
  configure: (c: AnalyzerClient, req: analyzer.ConfigureAnalyzerRequest) => new Promise<Empty>((ok, no) => c.configure(req, settle(ok, no))),
  analyze: (c: AnalyzerClient, req: analyzer.AnalyzeRequest) => new Promise<analyzer.AnalyzeResponse>((ok, no) => c.analyze(req, settle(ok, no))),
  analyzeStack: (c: AnalyzerClient, req: analyzer.AnalyzeStackRequest) =>
    new Promise<analyzer.AnalyzeResponse>((ok, no) => c.analyzeStack(req, settle(ok, no))),
};

export interface EngineResource {
  readonly type: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly parent?: string;
  readonly dependencies?: readonly string[];
}

export const engineUrn = (type: string, name: string, stack = "dev") => `urn:pulumi:${stack}::kong-identity-stack::${type}::${name}`;

function options(): analyzer.AnalyzerResourceOptions {
  const opts = new analyzer.AnalyzerResourceOptions();
  opts.setProtect(false);
  return opts;
}

/** An AnalyzeRequest as the engine sends it before registering one resource (its inputs). */
export function analyzeRequest(r: EngineResource, stack = "dev"): analyzer.AnalyzeRequest {
  const req = new analyzer.AnalyzeRequest();
  req.setType(r.type);
  req.setName(r.name);
  req.setUrn(engineUrn(r.type, r.name, stack));
  req.setProperties(Struct.fromJavaScript(r.props as never));
  req.setOptions(options());
  return req;
}

/** An AnalyzeStackRequest as the engine sends it once the stack is known (properties, parents, dependencies by URN). */
export function analyzeStackRequest(resources: readonly EngineResource[], stack = "dev"): analyzer.AnalyzeStackRequest {
  const urnOf = (name: string) => {
    const r = resources.find((x) => x.name === name);
    return r ? engineUrn(r.type, r.name, stack) : "";
  };
  const req = new analyzer.AnalyzeStackRequest();
  req.setResourcesList(
    resources.map((r) => {
      const res = new analyzer.AnalyzerResource();
      res.setType(r.type);
      res.setName(r.name);
      res.setUrn(engineUrn(r.type, r.name, stack));
      res.setProperties(Struct.fromJavaScript(r.props as never));
      res.setOptions(options());
      if (r.parent) res.setParent(urnOf(r.parent));
      res.setDependenciesList((r.dependencies ?? []).map(urnOf));
      return res;
    }),
  );
  return req;
}

/** A ConfigureAnalyzerRequest: what `--policy-pack-config` turns into. */
export function configureRequest(
  config: Record<string, { enforcementLevel?: analyzer.EnforcementLevel; properties?: Record<string, unknown> }>,
): analyzer.ConfigureAnalyzerRequest {
  const req = new analyzer.ConfigureAnalyzerRequest();
  const map = req.getPolicyconfigMap();
  for (const [name, { enforcementLevel, properties }] of Object.entries(config)) {
    const pc = new analyzer.PolicyConfig();
    pc.setEnforcementlevel(enforcementLevel ?? analyzer.EnforcementLevel.MANDATORY);
    pc.setProperties(Struct.fromJavaScript((properties ?? {}) as never));
    map.set(name, pc);
  }
  return req;
}

export { analyzer, Empty };
