import { promisify } from "node:util";
import { gzip, gzipSync } from "node:zlib";

/**
 * How kong.yml reaches the Kong pods. Kubernetes refuses a ConfigMap whose data exceeds 1 MiB, and kong.yml
 * grows about 1.8 KB per route (roughly 550 routes fill a ConfigMap). Gzip shrinks this repetitive text about
 * 60× (1000 routes: 1.81 MB → 30 KB), so one ConfigMap carries tens of thousands of routes:
 * - `inline`: key `kong.yml` in `data`, mounted by the chart as it is (readable with kubectl);
 * - `gzip`: key `kong.yml.gz` in `binaryData`; an init container unpacks it into an emptyDir and Kong reads
 *   the unpacked file (KONG_DECLARATIVE_CONFIG points there);
 * - `auto` (default): inline while kong.yml fits comfortably, gzip beyond.
 */
export type KongConfigDeliveryMode = "auto" | "inline" | "gzip";

/** `auto` keeps kong.yml inline up to this size: half the Kubernetes limit leaves room for growth between plans. */
export const KONG_CONFIG_INLINE_LIMIT_BYTES = 512 * 1024;

const KONG_CONFIG_KEY = "kong.yml";
export const KONG_CONFIG_GZIP_KEY = "kong.yml.gz";

/** The chart mounts the dblessConfig ConfigMap under this volume name at /kong_dbless/ (Kong/charts kong, _helpers.tpl). */
export const CHART_DBLESS_VOLUME = "kong-custom-dbless-config-volume";
export const CHART_DBLESS_MOUNT = "/kong_dbless/";
export const UNPACKED_VOLUME = "kong-config-unpacked";
export const UNPACKED_DIR = "/kong_unpacked";

export interface KongConfigPayload {
  readonly delivery: "inline" | "gzip";
  /** ConfigMap `data` (inline) or `binaryData` (gzip, base64 as the API expects). */
  readonly data?: Readonly<Record<string, string>>;
  readonly binaryData?: Readonly<Record<string, string>>;
  /** Bytes of kong.yml and of what the ConfigMap stores. */
  readonly textBytes: number;
  readonly storedBytes: number;
}

/** The ConfigMap content for kong.yml. Deterministic: gzip output depends only on the text (no name, mtime 0). */
export function kongConfigPayload(text: string, mode: KongConfigDeliveryMode): KongConfigPayload {
  const textBytes = Buffer.byteLength(text, "utf8");
  if (staysInline(mode, textBytes)) return inlinePayload(text, textBytes);
  return gzipPayload(text, textBytes, gzipSync(text, GZIP_OPTIONS));
}

/**
 * kongConfigPayload, compressing on libuv's thread pool: the caller's thread goes on meanwhile (KongGateway
 * hashes the text for the checksum annotation while it is compressed). The same bytes as kongConfigPayload.
 */
export async function kongConfigPayloadAsync(text: string, mode: KongConfigDeliveryMode): Promise<KongConfigPayload> {
  const textBytes = Buffer.byteLength(text, "utf8");
  if (staysInline(mode, textBytes)) return inlinePayload(text, textBytes);
  return gzipPayload(text, textBytes, await gzipAsync(text, GZIP_OPTIONS));
}

const GZIP_OPTIONS = { level: 9 } as const;
const gzipAsync = promisify(gzip);

const staysInline = (mode: KongConfigDeliveryMode, textBytes: number) => mode === "inline" || (mode === "auto" && textBytes <= KONG_CONFIG_INLINE_LIMIT_BYTES);

const inlinePayload = (text: string, textBytes: number): KongConfigPayload => ({ delivery: "inline", data: { [KONG_CONFIG_KEY]: text }, textBytes, storedBytes: textBytes });

function gzipPayload(text: string, textBytes: number, packed: Buffer): KongConfigPayload {
  const base64 = packed.toString("base64");
  if (packedTexts.size >= PACKED_KEEP) packedTexts.delete(packedTexts.keys().next().value!);
  packedTexts.set(base64, text);
  return { delivery: "gzip", binaryData: { [KONG_CONFIG_GZIP_KEY]: base64 }, textBytes, storedBytes: packed.length };
}

/**
 * The kong.yml texts of the last few archives this process packed, by their base64. `kis plan` runs the policy
 * pack in the process that packed them: it reads the text from here instead of unpacking it again. Under the
 * engine the pack runs elsewhere, finds nothing and unpacks (test/unit/components/kong/config-delivery.test.ts holds both equal).
 */
const packedTexts = new Map<string, string>();
const PACKED_KEEP = 4;

export function packedKongYaml(base64: string): string | undefined {
  return packedTexts.get(base64);
}

/** Chart values (merged into the release's) that unpack kong.yml.gz before Kong starts; none for inline. */
export interface UnpackValues {
  readonly deployment: {
    readonly initContainers: readonly Record<string, unknown>[];
    readonly userDefinedVolumes: readonly Record<string, unknown>[];
    readonly userDefinedVolumeMounts: readonly Record<string, unknown>[];
  };
  readonly declarativeConfigPath: string;
}

/**
 * The init container runs Kong's own image (it has `gzip`; no extra image to pull or trust), reads the
 * chart's mount of the ConfigMap and writes the text into an emptyDir the Kong container mounts.
 */
/**
 * Pod Security "restricted" rejects a pod any of whose containers lacks these (the chart's own containers carry
 * the same by default); the Kong image's user is 1000 (the chart's runAsUser).
 */
export const RESTRICTED_CONTAINER_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: 1000,
  runAsGroup: 1000,
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
} as const;

export function unpackValues(image: { readonly repository: string; readonly tag: string; readonly digest?: string | undefined }): UnpackValues {
  return {
    deployment: {
      initContainers: [
        {
          name: "unpack-kong-config",
          // The same build as Kong's container, pinned by the same digest when there is one.
          image: `${image.repository}:${image.tag}${image.digest ? `@${image.digest}` : ""}`,
          securityContext: structuredClone(RESTRICTED_CONTAINER_SECURITY_CONTEXT),
          command: ["sh", "-c", `gzip -dc ${CHART_DBLESS_MOUNT}${KONG_CONFIG_GZIP_KEY} > ${UNPACKED_DIR}/${KONG_CONFIG_KEY}`],
          volumeMounts: [
            { name: CHART_DBLESS_VOLUME, mountPath: CHART_DBLESS_MOUNT, readOnly: true },
            { name: UNPACKED_VOLUME, mountPath: UNPACKED_DIR },
          ],
        },
      ],
      userDefinedVolumes: [{ name: UNPACKED_VOLUME, emptyDir: {} }],
      userDefinedVolumeMounts: [{ name: UNPACKED_VOLUME, mountPath: UNPACKED_DIR, readOnly: true }],
    },
    declarativeConfigPath: `${UNPACKED_DIR}/${KONG_CONFIG_KEY}`,
  };
}
