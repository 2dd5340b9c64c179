import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020";
import type { ValidateFunction } from "ajv";
import { parseAllDocuments } from "yaml";
import { REPO_ROOT } from "./run-kis";

/** The Kubernetes version docs/kong.md names; the chart is rendered for it and objects validated against its API. */
export const KUBERNETES_VERSION = "1.34.0";
/** The vendored chart (Kong/charts kong 3.4.1, unmodified but for its postgres dependency). */
export const KONG_CHART_DIR = join(REPO_ROOT, "..", "shared", "charts", "kong-3.4.1");

export interface RenderTools {
  readonly helm: string;
  readonly schemas: string;
}

/**
 * helm and the Kubernetes schemas as test/render/tools/render-tools.sh installed them. `--check` only looks: the test never
 * downloads or builds anything (`npm run test:render` runs the script first).
 */
export function renderTools(): RenderTools {
  const run = spawnSync("bash", [join(REPO_ROOT, "test", "render", "tools", "render-tools.sh"), "--check"], { encoding: "utf8" });
  const lines = Object.fromEntries(
    run.stdout
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  if (run.status !== 0 || !lines["KIS_HELM"] || !lines["KIS_K8S_SCHEMAS"]) {
    throw new Error(`render tools missing (run: bash test/render/tools/render-tools.sh, or npm run test:render): ${run.stderr.trim()}`);
  }
  return { helm: lines["KIS_HELM"], schemas: lines["KIS_K8S_SCHEMAS"] };
}

export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> }; [key: string]: any };

/** `helm template` of the vendored chart with the values a plan recorded, as Kubernetes would get the objects. */
export function helmTemplate(tools: RenderTools, release: { name: string; namespace: string; values: unknown }, workDir: string): K8sObject[] {
  const valuesFile = join(workDir, `values-${release.name}.json`);
  writeFileSync(valuesFile, JSON.stringify(release.values));
  const run = spawnSync(
    tools.helm,
    ["template", release.name, KONG_CHART_DIR, "--namespace", release.namespace, "--values", valuesFile, "--kube-version", KUBERNETES_VERSION],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, HELM_CACHE_HOME: join(workDir, "helm-cache"), HELM_CONFIG_HOME: join(workDir, "helm-config"), HELM_DATA_HOME: join(workDir, "helm-data") } },
  );
  if (run.status !== 0) throw new Error(`helm template failed (${run.status}): ${run.stderr}`);
  return parseAllDocuments(run.stdout)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null && typeof o === "object" && "kind" in o);
}

/** Validators per apiVersion/kind from the kubeconform-style "-local-strict" schemas (JSON Schema 2020-12). */
export class KubernetesSchemas {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  private readonly byFile = new Map<string, ValidateFunction>();

  constructor(private readonly dir: string) {
    this.ajv.addSchema(JSON.parse(readFileSync(join(dir, "_definitions.json"), "utf8")));
  }

  /** `apps/v1` Deployment → deployment-apps-v1.json; `v1` Service → service-v1.json. */
  private fileOf(apiVersion: string, kind: string): string {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    const groupPart = group ? `-${group!.split(".")[0]}` : "";
    return `${kind.toLowerCase()}${groupPart}-${version}.json`;
  }

  /** Problems of one object ("" when it validates); an unknown kind is a problem too. */
  validate(object: K8sObject): string[] {
    const file = this.fileOf(object.apiVersion, object.kind);
    let validate = this.byFile.get(file);
    if (!validate) {
      if (!readdirSync(this.dir).includes(file)) return [`${object.apiVersion} ${object.kind}: no schema ${file} for Kubernetes ${KUBERNETES_VERSION}`];
      validate = this.ajv.compile(JSON.parse(readFileSync(join(this.dir, file), "utf8")));
      this.byFile.set(file, validate);
    }
    const valid: boolean = validate(object as unknown);
    if (valid) return [];
    const label = `${object.kind}/${object.metadata?.name}`;
    return (validate.errors ?? []).map((e) => `${label}: ${e.instancePath || "/"} ${e.message ?? ""} ${JSON.stringify(e.params)}`);
  }
}

type Container = { name: string; securityContext?: any; resources?: any; image?: string; env?: { name: string; value?: string }[] };

/** Every container of a pod spec, init containers included, with its kind. */
export function containersOf(podSpec: any): { kind: "container" | "initContainer"; container: Container }[] {
  return [
    ...((podSpec.initContainers ?? []) as Container[]).map((container) => ({ kind: "initContainer" as const, container })),
    ...((podSpec.containers ?? []) as Container[]).map((container) => ({ kind: "container" as const, container })),
  ];
}

/** Volume types Pod Security "restricted" admits. */
const RESTRICTED_VOLUME_TYPES = new Set(["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]);

/**
 * Violations of the Pod Security Standard "restricted" (Kubernetes docs, pod-security-standards, v1.34 profile):
 * baseline (no host namespaces, host ports, privileged, hostPath; capabilities only from the baseline list) plus
 * runAsNonRoot, no runAsUser 0, allowPrivilegeEscalation false, seccomp RuntimeDefault or Localhost, capabilities
 * drop ALL and add at most NET_BIND_SERVICE, restricted volume types. Pod-level settings count for every container.
 */
export function restrictedViolations(podSpec: any): string[] {
  const problems: string[] = [];
  const pod = podSpec.securityContext ?? {};
  for (const key of ["hostNetwork", "hostPID", "hostIPC"]) if (podSpec[key] === true) problems.push(`pod: ${key} is true`);
  for (const v of podSpec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== "name");
    if (!type || !RESTRICTED_VOLUME_TYPES.has(type)) problems.push(`pod: volume ${v.name} is of type ${type}`);
  }
  const seccompOk = (t: unknown) => t === "RuntimeDefault" || t === "Localhost";
  for (const { kind, container } of containersOf(podSpec)) {
    const at = `${kind} ${container.name}`;
    const sc = container.securityContext ?? {};
    if (sc.privileged === true) problems.push(`${at}: privileged`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${at}: allowPrivilegeEscalation is not false`);
    if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) problems.push(`${at}: runAsNonRoot is not true`);
    if ((sc.runAsUser ?? pod.runAsUser) === 0) problems.push(`${at}: runAsUser is 0`);
    if (!seccompOk(sc.seccompProfile?.type ?? pod.seccompProfile?.type)) problems.push(`${at}: seccompProfile is not RuntimeDefault or Localhost`);
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes("ALL")) problems.push(`${at}: capabilities do not drop ALL`);
    const add: string[] = sc.capabilities?.add ?? [];
    if (add.some((c) => c !== "NET_BIND_SERVICE")) problems.push(`${at}: adds capabilities ${add.join(", ")}`);
    for (const p of (container as any).ports ?? []) if (p.hostPort) problems.push(`${at}: hostPort ${p.hostPort}`);
  }
  return problems;
}
