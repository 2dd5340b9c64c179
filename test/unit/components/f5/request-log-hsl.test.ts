import { describe, expect, it } from "vitest";
import { buildAs3Declaration, buildHeaderHygieneIRule, EDGE_REQUEST_LOG_TAG } from "../../../../components/f5";
import { describeLogDestinations } from "../../../../components/observability";
import { configProblems } from "../../../support/config-problems";
import { f5StackConfig, RAW_F5_BLOCK, settingsOf } from "./fixtures";
import { RAW_STACK_CONFIG } from "../kong/fixtures";

const TLS = { certificate: "[secret]", privateKey: "[secret]" };
const withLog = (requestLog: object) => f5StackConfig((raw) => (raw.f5.requestLog = requestLog));
const iRuleOf = (config: ReturnType<typeof f5StackConfig>) => (buildAs3Declaration(settingsOf(config), TLS) as any).kis_test.kong_edge.identity_header_hygiene.iRule as string;

describe("the BIG-IP request log goes through high-speed logging to a configured pool", () => {
  it("members: the tenant declares the pool and the iRule opens it once per connection and sends each line to it", () => {
    const config = withLog({ members: ["10.1.40.21"], port: 5514 });
    const app = (buildAs3Declaration(settingsOf(config), TLS) as any).kis_test.kong_edge;
    expect(app.request_log_pool).toEqual({ class: "Pool", remark: "Request log servers (HSL from the iRule)", loadBalancingMode: "round-robin", members: [{ servicePort: 5514, serverAddresses: ["10.1.40.21"] }] });
    // The virtual server still forwards to Kong's pool only.
    expect(app.kong_https.pool).toBe("kong_pool");
    const rule = iRuleOf(config);
    expect(rule).toMatch(/when CLIENT_ACCEPTED priority 100 \{\n[^}]*set kis_hsl \[HSL::open -proto UDP -pool \/kis_test\/kong_edge\/request_log_pool\]\n\}/);
    expect(rule).toContain(`HSL::send $kis_hsl "<134>${EDGE_REQUEST_LOG_TAG} rid=$kis_request_id client=[IP::client_addr]:[TCP::client_port]`);
    expect(rule).not.toMatch(/^\s*log local0/m);
  });

  it("an existing BIG-IP pool over tcp: no pool declared, the iRule names it", () => {
    const config = withLog({ pool: "/Common/syslog_pool", protocol: "tcp" });
    expect((buildAs3Declaration(settingsOf(config), TLS) as any).kis_test.kong_edge.request_log_pool).toBeUndefined();
    expect(iRuleOf(config)).toContain("set kis_hsl [HSL::open -proto TCP -pool /Common/syslog_pool]");
    expect(describeLogDestinations(config).find((d) => d.hop === "F5")!.where).toBe("high-speed logging (tcp, syslog local0.info) to /Common/syslog_pool");
  });

  it("no requestLog: no per-request line at all (never syslog local0), and the plan says the F5 hop is not logged", () => {
    const config = f5StackConfig();
    const rule = iRuleOf(config);
    expect(rule).not.toMatch(/HSL::|^\s*log local0|kis-edge/m);
    expect(rule).toMatch(/HTTP::header insert X-Request-ID \$kis_request_id/);
    expect(describeLogDestinations(config).find((d) => d.hop === "F5")!.where).toMatch(/^off: set f5\.requestLog/);
  });

  it("config: exactly one of pool and members; CIS cannot declare members; a pool must be a BIG-IP path", () => {
    const raw = (requestLog: object, mode = "as3") => ({ ...structuredClone(RAW_STACK_CONFIG), f5: { ...structuredClone(RAW_F5_BLOCK), mode, requestLog } });
    expect(configProblems(raw({ pool: "/Common/a", members: ["10.0.0.1"] }))).toContain("f5.requestLog: expected exactly one of pool (an existing BIG-IP pool) or members (log server addresses)");
    expect(configProblems(raw({ members: ["10.0.0.1"] }, "cis"))).toContain(
      "f5.requestLog.members: CIS cannot declare a pool for the iRule: create the log pool on the BIG-IP and name it in f5.requestLog.pool",
    );
    expect(() => buildHeaderHygieneIRule({ requestLog: { pool: "syslog pool; drop", protocol: "udp" } })).toThrow(/not a BIG-IP path/);
  });
});
