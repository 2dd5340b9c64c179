import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../../support/run-kis";

// The one pull-request comment (preview.yml's comment job runs this file from the base checkout).
const prComment = require(join(REPO_ROOT, ".github", "scripts", "pr-comment.js")) as {
  MARKER: string;
  composeComment: (i: { review: string; previews: { stack: string; outcome: string; text: string }[]; limit?: number }) => string;
  run: (i: { github: unknown; context: unknown; dir: string }) => Promise<string>;
};

describe("pr-comment.js", () => {
  it("holds the identity review and every stack's preview summary, once, behind the marker", () => {
    const body = prComment.composeComment({
      review: "## Identity review\n✅ No change widens access\n",
      previews: [
        { stack: "prod", outcome: "success", text: "Previewing update (prod)\n+ 2 to create" },
        { stack: "dev", outcome: "failure", text: "error: ```boom```" },
      ],
    });
    expect(body.startsWith(`${prComment.MARKER}\n## Identity review`)).toBe(true);
    expect(body).toContain("### pulumi preview (2 stacks)");
    expect(body.indexOf("</code> dev: failure")).toBeLessThan(body.indexOf("</code> prod: success"));
    expect(body).toContain("+ 2 to create");
    // A preview's own code fence cannot close the comment's.
    expect(body).not.toContain("```boom```");
  });

  it("stays under GitHub's size limit and says how many previews did not fit", () => {
    const previews = Array.from({ length: 40 }, (_, i) => ({ stack: `s${String(i).padStart(2, "0")}`, outcome: "success", text: "x".repeat(3000) }));
    const body = prComment.composeComment({ review: "review", previews });
    expect(body.length).toBeLessThanOrEqual(65536);
    const shown = (body.match(/<details>/g) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(body).toContain(`${40 - shown} more stack previews did not fit in one comment`);
  });

  it("edits the comment it posted before, and creates one when there is none", async () => {
    const dir = tempDir("pr-comment");
    mkdirSync(join(dir, "review"), { recursive: true });
    mkdirSync(join(dir, "previews", "dev"), { recursive: true });
    writeFileSync(join(dir, "review", "comment.md"), `${prComment.MARKER}\n## Identity review\n`);
    writeFileSync(join(dir, "previews", "dev", "outcome"), "success\n");
    writeFileSync(join(dir, "previews", "dev", "preview.txt"), "Resources: 3 unchanged\n");
    const calls: string[] = [];
    const github = (existing: { id: number; user: { type: string }; body: string }[]) => ({
      paginate: async () => existing,
      rest: {
        issues: {
          listComments: {},
          updateComment: async (a: { comment_id: number; body: string }) => void calls.push(`update ${a.comment_id} ${a.body.includes("Resources: 3 unchanged")}`),
          createComment: async (a: { issue_number: number; body: string }) => void calls.push(`create ${a.issue_number}`),
        },
      },
    });
    const context = { repo: { owner: "acme", repo: "edge" }, payload: { pull_request: { number: 7 } } };
    expect(await prComment.run({ github: github([{ id: 1, user: { type: "User" }, body: `${prComment.MARKER} quoted by a person` }, { id: 2, user: { type: "Bot" }, body: `${prComment.MARKER}\nold` }]), context, dir })).toBe("updated");
    expect(await prComment.run({ github: github([]), context, dir })).toBe("created");
    expect(calls).toEqual(["update 2 true", "create 7"]);
  });
});
