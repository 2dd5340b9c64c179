// The one pull-request comment: the identity review and every stack's `pulumi preview` summary, edited in place
// (found by its marker). Run by actions/github-script from the BASE checkout, so a pull request cannot change how its
// own review is posted. GitHub refuses comments over 65,536 characters: previews that do not fit become "N more".
"use strict";
const fs = require("fs");
const path = require("path");

const MARKER = "<!-- kis-identity-review -->";
const GITHUB_COMMENT_LIMIT = 65536;

/** The comment body. Pure: review text, previews [{ stack, outcome, text }], a size limit. */
function composeComment({ review, previews, limit = GITHUB_COMMENT_LIMIT }) {
  const head = review.startsWith(MARKER) ? review.trimEnd() : `${MARKER}\n${review.trimEnd()}`;
  const sections = [...previews]
    .sort((a, b) => a.stack.localeCompare(b.stack))
    .map((p) => `<details><summary><code>pulumi preview</code> ${p.stack}: ${p.outcome}</summary>\n\n\`\`\`text\n${p.text.trim().replace(/```/g, "ʼʼʼ")}\n\`\`\`\n</details>`);
  const title = previews.length ? ["", `### pulumi preview (${previews.length} stack${previews.length === 1 ? "" : "s"})`, ""] : [];
  let body = [head, ...title].join("\n");
  let shown = 0;
  const reserve = 200;
  for (const s of sections) {
    if (body.length + s.length + 1 > limit - reserve) break;
    body += `\n${s}`;
    shown++;
  }
  if (shown < sections.length) body += `\n\n${sections.length - shown} more stack preview${sections.length - shown === 1 ? "" : "s"} did not fit in one comment: see the workflow run's artifacts.`;
  return body;
}

/** Reads review/comment.md and previews/<stack>/{outcome,preview.txt} under `dir`. */
function readInputs(dir) {
  const review = fs.readFileSync(path.join(dir, "review", "comment.md"), "utf8");
  const previewsDir = path.join(dir, "previews");
  const previews = fs.existsSync(previewsDir)
    ? fs.readdirSync(previewsDir).map((stack) => {
        const read = (f) => (fs.existsSync(path.join(previewsDir, stack, f)) ? fs.readFileSync(path.join(previewsDir, stack, f), "utf8").trim() : "");
        return { stack, outcome: read("outcome") || "no result", text: read("preview.txt") || "(no output)" };
      })
    : [];
  return { review, previews };
}

/** Creates the comment, or edits the one with the marker. */
async function postComment({ github, context, body }) {
  const { owner, repo } = context.repo;
  const issue_number = context.payload.pull_request.number;
  const comments = await github.paginate(github.rest.issues.listComments, { owner, repo, issue_number, per_page: 100 });
  const mine = comments.find((c) => c.user && c.user.type === "Bot" && typeof c.body === "string" && c.body.startsWith(MARKER));
  if (mine) await github.rest.issues.updateComment({ owner, repo, comment_id: mine.id, body });
  else await github.rest.issues.createComment({ owner, repo, issue_number, body });
  return mine ? "updated" : "created";
}

async function run({ github, context, dir }) {
  return postComment({ github, context, body: composeComment(readInputs(dir)) });
}

module.exports = { MARKER, GITHUB_COMMENT_LIMIT, composeComment, readInputs, postComment, run };
