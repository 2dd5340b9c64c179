import { LuaFactory } from "wasmoon";

/**
 * Runs the stack's Kong Lua chunks (pre-function phases) in a real Lua VM (wasmoon: Lua 5.4 compiled to
 * WebAssembly; Kong runs LuaJIT, 5.1 syntax, which the chunks keep to) against a small stand-in of the parts of
 * Kong's PDK they call. The stand-in follows Kong's source: a span's set_attribute stores the value in
 * `span.attributes` (nil removes it), process_span hands every span of the request to the processor, and
 * `kong.service.request.clear_header` removes the header from the request Kong goes on to read.
 */

export interface LuaSpan {
  readonly name: string;
  readonly attributes: Record<string, string | number | boolean>;
}

export interface KongLuaRun {
  /** The spans after the log chunks ran, as the opentelemetry plugin would then encode them. */
  readonly spans: LuaSpan[];
  /** Request headers after the rewrite chunks ran (lower-case names). */
  readonly headers: Record<string, string>;
}

/** A Lua literal of a JSON-like value (inputs go into the VM as source text, not as JavaScript proxies). */
function lua(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value).replace(/\\u([0-9a-f]{4})/gi, "\\u{$1}");
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `{ ${value.map(lua).join(", ")} }`;
  if (value && typeof value === "object") return `{ ${Object.entries(value).map(([k, v]) => `[${lua(k)}] = ${lua(v)}`).join(", ")} }`;
  return "nil";
}

const harness = (spans: readonly LuaSpan[], headers: Record<string, string>) => `
local spans_in = ${lua(spans.map((s) => ({ name: s.name, attributes: s.attributes })))}
local headers_in = ${lua(headers)}
spans_state = {}
for i, s in ipairs(spans_in) do
  local attributes = {}
  for k, v in pairs(s.attributes) do attributes[k] = v end
  spans_state[i] = setmetatable({ name = s.name, attributes = attributes }, { __index = {
    set_attribute = function(self, key, value)
      if type(key) ~= "string" then error("invalid key", 2) end
      self.attributes[key] = value
    end,
  } })
end
headers_state = {}
for k, v in pairs(headers_in) do headers_state[string.lower(k)] = v end
kong = {
  tracing = { process_span = function(processor) for _, span in ipairs(spans_state) do processor(span) end end },
  service = { request = { clear_header = function(name) headers_state[string.lower(name)] = nil end } },
}
`;

/** The state after the chunks, as JSON text built in Lua (strings, numbers and booleans only). */
const DUMP = `
local function q(v)
  if type(v) == "string" then return '"' .. string.gsub(v, '[%c"\\\\]', function(c) return string.format("\\\\u%04x", string.byte(c)) end) .. '"' end
  return tostring(v)
end
local parts = {}
for i, s in ipairs(spans_state) do
  local kv = {}
  for k, v in pairs(s.attributes) do kv[#kv + 1] = q(k) .. ":" .. q(v) end
  parts[#parts + 1] = '{"name":' .. q(s.name) .. ',"attributes":{' .. table.concat(kv, ",") .. '}}'
end
local hs = {}
for k, v in pairs(headers_state) do hs[#hs + 1] = q(k) .. ":" .. q(v) end
dump = '{"spans":[' .. table.concat(parts, ",") .. '],"headers":{' .. table.concat(hs, ",") .. '}}'
`;

/** Runs \`rewrite\` chunks, then \`log\` chunks, each as Kong's pre-function would, in one fresh Lua state. */
export async function runKongLua(chunks: { rewrite?: readonly string[]; log?: readonly string[] }, spans: readonly LuaSpan[], headers: Record<string, string>): Promise<KongLuaRun> {
  const engine = await new LuaFactory().createEngine();
  try {
    await engine.doString(harness(spans, headers));
    for (const chunk of [...(chunks.rewrite ?? []), ...(chunks.log ?? [])]) await engine.doString(chunk);
    await engine.doString(DUMP);
    return JSON.parse(String(engine.global.get("dump"))) as KongLuaRun;
  } finally {
    engine.global.close();
  }
}

/**
 * A span as Kong's opentelemetry plugin puts it on the wire (OTLP/JSON shape of kong/observability/otlp:
 * attributes as key/value pairs): what a collector receives.
 */
export function otlpSpanJson(span: LuaSpan): string {
  return JSON.stringify({
    name: span.name,
    attributes: Object.entries(span.attributes)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => ({ key, value: typeof value === "string" ? { stringValue: value } : typeof value === "number" ? { intValue: value } : { boolValue: value } })),
  });
}
