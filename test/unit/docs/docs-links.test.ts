import { existsSync, statSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";
import { anchorsOf, linksOf, markdownFiles, readText } from "../../support/markdown";
import { REPO_ROOT } from "../../support/run-kis";

/** README.md is the entrance and docs/ holds one page per concern; every page is reachable and no link is broken. */
const pages = ["README.md", ...markdownFiles(REPO_ROOT, "docs")];

describe("documentation", () => {
  it("keeps README.md an entrance of at most 150 lines", () => {
    expect(readText(REPO_ROOT, "README.md").split("\n").length).toBeLessThanOrEqual(150);
  });

  it.each(pages)("%s: every relative link and anchor resolves", (page) => {
    const broken = linksOf(readText(REPO_ROOT, page))
      .filter(({ target }) => !/^[a-z]+:/i.test(target))
      .flatMap(({ target, line }) => {
        const [file, anchor] = target.split("#") as [string, string | undefined];
        const path = file ? normalize(join(dirname(page), file)) : page;
        if (!existsSync(join(REPO_ROOT, path))) return [`${page}:${line}: ${target} (no such file)`];
        if (anchor === undefined) return [];
        if (!path.endsWith(".md") || statSync(join(REPO_ROOT, path)).isDirectory()) return [`${page}:${line}: ${target} (anchor on a non-page)`];
        return anchorsOf(readText(REPO_ROOT, path)).has(anchor) ? [] : [`${page}:${line}: ${target} (no heading #${anchor})`];
      });
    expect(broken).toEqual([]);
  });

  it("links every docs page from the README or from another page", () => {
    const linked = new Set<string>();
    for (const page of pages) {
      for (const { target } of linksOf(readText(REPO_ROOT, page))) {
        const file = target.split("#")[0];
        if (file && !/^[a-z]+:/i.test(file)) linked.add(normalize(join(dirname(page), file)));
      }
    }
    const reachable = new Set(["README.md"]);
    // Reachable from the README through links, not merely linked from somewhere.
    for (let grew = true; grew; ) {
      grew = false;
      for (const page of [...reachable]) {
        for (const { target } of linksOf(readText(REPO_ROOT, page))) {
          const file = target.split("#")[0];
          if (!file || /^[a-z]+:/i.test(file)) continue;
          const path = normalize(join(dirname(page), file));
          if (path.endsWith(".md") && existsSync(join(REPO_ROOT, path)) && !reachable.has(path)) {
            reachable.add(path);
            grew = true;
          }
        }
      }
    }
    expect(pages.filter((p) => !reachable.has(p))).toEqual([]);
    expect(linked.size).toBeGreaterThan(0);
  });

  it.each(pages.filter((p) => p !== "README.md"))("%s opens with a title and two sentences on what it covers", (page) => {
    const text = readText(REPO_ROOT, page).replace(/^<!--.*-->\n/, "");
    const [title, blank, ...rest] = text.split("\n");
    expect(title).toMatch(/^# \S/);
    expect(blank).toBe("");
    const intro = rest.slice(0, rest.indexOf("")).join(" ");
    expect(intro.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 0).length).toBeGreaterThanOrEqual(2);
  });
});

describe("the link checker itself", () => {
  it("sees a broken anchor and a missing file", () => {
    const md = "# Title\n\n## A heading, with `code`\n[ok](#a-heading-with-code) [bad](#nope) [file](missing.md)\n```\n[in code](x.md)\n```\n";
    expect(anchorsOf(md).has("a-heading-with-code")).toBe(true);
    expect(anchorsOf(md).has("nope")).toBe(false);
    expect(linksOf(md).map((l) => l.target)).toEqual(["#a-heading-with-code", "#nope", "missing.md"]);
  });
});
