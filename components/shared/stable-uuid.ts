import { createHash } from "node:crypto";

/**
 * A name-based UUID (RFC 9562 version 5 layout, SHA-1 over a namespace string and a name).
 * Entra needs GUIDs for scope and app-role ids that stay the same on every run; deriving them from
 * the API and scope names keeps them stable without storing extra state.
 */
export function stableUuid(namespace: string, name: string): string {
  const hash = createHash("sha1").update(`${namespace}\u0000${name}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
