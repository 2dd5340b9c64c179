// The floor `npm run bench` compares `kis plan` with: node start, @pulumi/pulumi and the provider SDKs the stack
// uses, and registering the same resources (type, name, parent, inputs from a plan.json) under Pulumi mocks.
// Plain JavaScript: nothing of the floor is ours to make faster.
// Usage: node cli/bench/floor.cjs <plan.json>
const { readFileSync } = require("node:fs");
const pulumi = require("@pulumi/pulumi");

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const packages = [...new Set(plan.resources.map((r) => r.type.split(":")[0]))].filter((p) => p !== "pulumi-nodejs" && !p.includes("-"));
for (const p of packages) require(`@pulumi/${p}`);

pulumi.runtime.setMocks(
  { newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) },
  plan.project,
  plan.stack,
  false,
);

class Component extends pulumi.ComponentResource {}
const byUrn = new Map();
let pending = [...plan.resources];
// Parents first: a resource registers once its parent exists.
while (pending.length > 0) {
  const next = [];
  for (const r of pending) {
    if (r.parent && !byUrn.has(r.parent)) {
      next.push(r);
      continue;
    }
    const opts = r.parent ? { parent: byUrn.get(r.parent) } : {};
    const resource = r.custom ? new pulumi.CustomResource(r.type, r.name, { ...r.inputs }, opts) : new Component(r.type, r.name, {}, opts);
    if (!r.custom) resource.registerOutputs({});
    byUrn.set(r.urn, resource);
  }
  if (next.length === pending.length) break;
  pending = next;
}
