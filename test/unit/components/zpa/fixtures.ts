import type { StackConfig, ZpaConfig } from "../../../../infra/config";
import { stackConfig } from "../kong/fixtures";
import { STAND_IN_IDP_ID } from "../../../support/zpa-stand-in";

/** A zpa block as a stack file would hold it (ids quoted). */
export const RAW_ZPA = {
  enabled: true,
  cloud: "PRODUCTION",
  customerId: "216196257331281920",
  auth: "legacy",
  groups: { source: "scim", idpId: STAND_IN_IDP_ID },
  connector: {
    replicas: 2,
    image: { tag: "2024-06-20.amd64" },
    location: { name: "Frankfurt, Germany", latitude: 50.1109, longitude: 8.6821 },
  },
};

/** The Kong test stack (fixtures.ts) with ZPA enabled. */
export function zpaStackConfig(mutate: (zpa: any, raw: any) => void = () => {}): StackConfig & { zpa: ZpaConfig } {
  return stackConfig((raw) => {
    raw.zpa = structuredClone(RAW_ZPA);
    mutate(raw.zpa, raw);
  }) as StackConfig & { zpa: ZpaConfig };
}
