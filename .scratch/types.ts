import type * as C from "../infra/config";
export type Kong = C.KongConfig;
export type Route = C.RouteConfig;
export type Identity = C.IdentityConfig;
export type F5 = C.F5Config;
export type Zpa = C.ZpaConfig;
export type Pa = C.PingAccessConfig;
export type Obs = C.ObservabilityConfig;
