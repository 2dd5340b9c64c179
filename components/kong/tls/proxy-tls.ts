/**
 * How Kong's proxy gets its server certificate: a `kubernetes.io/tls` Secret that the chart mounts
 * (`secretVolumes`: /etc/secrets/<name>/, Kong/charts _helpers.tpl) and that `env.ssl_cert`/`ssl_cert_key`
 * point at (kong.conf `ssl_cert`: without it Kong generates a self-signed default certificate).
 * Mounted, not in kong.yml: the key then never enters a ConfigMap or the declarative config, and the
 * certificate is Kong's default for every SNI, so no `snis` entry per host name is needed.
 */
export const KONG_PROXY_TLS_SECRET_NAME = "kong-proxy-tls";

export const secretMountDir = (secretName: string): string => `/etc/secrets/${secretName}`;

export interface KongProxyTlsMount {
  readonly secretName: string;
  readonly certPath: string;
  readonly keyPath: string;
}

export function proxyTlsMount(secretName: string): KongProxyTlsMount {
  const dir = secretMountDir(secretName);
  return { secretName, certPath: `${dir}/tls.crt`, keyPath: `${dir}/tls.key` };
}
