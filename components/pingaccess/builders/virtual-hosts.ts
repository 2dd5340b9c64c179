/** Virtual hosts the sideband requests name: the configured one, or each Kong host name on 443. */
export function pingAccessVirtualHosts(pa: { readonly virtualHost?: string }, kongHostnames: readonly string[]): { host: string; port: number }[] {
  if (pa.virtualHost) {
    const i = pa.virtualHost.lastIndexOf(":");
    return [{ host: pa.virtualHost.slice(0, i), port: Number(pa.virtualHost.slice(i + 1)) }];
  }
  return kongHostnames.map((host) => ({ host, port: 443 }));
}


