/**
 * `npm run template -- --out DIR`: writes the folder `pulumi new DIR` takes. Pushed to a `template` branch (by hand:
 * no workflow here writes to the repository), teams run `pulumi new https://github.com/<org>/<repo>/tree/template`.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../repo-root";
import { templateFiles } from "./template-files";

export function writeTemplate(out: string, root = repoRoot()): number {
  if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`${out}: not empty; the template is written into an empty or new folder`);
  const files = templateFiles(root);
  for (const f of files) {
    const path = join(out, f.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.content);
    if (f.mode) chmodSync(path, f.mode);
  }
  return files.length;
}

if (require.main === module) {
  const { values } = parseArgs({ options: { out: { type: "string" } }, strict: true });
  if (!values.out) {
    process.stderr.write("usage: npm run template -- --out DIR\n");
    process.exit(2);
  }
  const out = resolve(values.out);
  try {
    process.stdout.write(`wrote ${writeTemplate(out)} files to ${out}\n`);
  } catch (err) {
    process.stderr.write(`template: ${(err as Error).message}\n`);
    process.exit(2);
  }
}
