/**
 * Whether a value added to a list lets anything new in, given what the list held before: an address range
 * inside one already trusted, or a port range inside one already open, is not wider.
 */
export function coveredBy(kind: "cidr" | "ports", value: string, before: readonly string[]): boolean {
  return kind === "cidr" ? before.some((b) => cidrWithin(value, b)) : before.some((b) => portsWithin(value, b));
}

interface Cidr {
  readonly address: number;
  readonly prefix: number;
}

/** IPv4 `a.b.c.d/n` or a bare address (/32); undefined for anything else (IPv6 compares as text). */
export function parseCidr(text: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = m[5] === undefined ? 32 : Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  return { address: octets.reduce((a, o) => a * 256 + o, 0), prefix };
}

const mask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

function cidrWithin(inner: string, outer: string): boolean {
  const i = parseCidr(inner);
  const o = parseCidr(outer);
  if (!i || !o) return inner === outer;
  return o.prefix <= i.prefix && (i.address & mask(o.prefix)) >>> 0 === (o.address & mask(o.prefix)) >>> 0;
}

/** `443` or `8000-8100`. */
function portRange(text: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : undefined;
}

function portsWithin(inner: string, outer: string): boolean {
  const i = portRange(inner);
  const o = portRange(outer);
  if (!i || !o) return inner === outer;
  return o[0] <= i[0] && i[1] <= o[1];
}

/** Why a redirect URI deserves a second look: not https, or on a host the stack does not own. */
export function uriConcerns(uri: string, ownedHosts: readonly string[]): string[] {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return ["not a URL"];
  }
  const concerns: string[] = [];
  if (url.protocol !== "https:") concerns.push("not https");
  if (!ownedHosts.some((host) => ownsHost(host, url.hostname))) concerns.push("not under a host the stack owns");
  return concerns;
}

/**
 * A stack owns its API host names and their parent domain (api.dev.example.com → *.dev.example.com), where its
 * portal and sign-in pages live; a two-label name owns itself and its subdomains.
 */
function ownsHost(owned: string, host: string): boolean {
  const labels = owned.split(".");
  const domain = labels.length > 2 ? labels.slice(1).join(".") : owned;
  return host === owned || host === domain || host.endsWith(`.${domain}`);
}
