#!/usr/bin/env bash
# Plans every stack of one checkout offline (kis plan under Pulumi mocks: no credentials, no cloud).
#   plan-stacks.sh REPO_DIR OUT_DIR
# Writes OUT_DIR/<stack>/ (plan.json, kong.yml, ...) and OUT_DIR/plan-status.tsv (stack, exit code, last
# error line). Always exits 0: the preview workflow decides what a failure means (on the base commit a stack
# that does not plan is simply absent from the diff; on the head commit it fails the check).
set -uo pipefail
repo="$(cd "$1" && pwd)"
mkdir -p "$2"
out="$(cd "$2" && pwd)"
: > "$out/plan-status.tsv"
cd "$repo"
for file in stacks/Pulumi.*.yaml; do
  [ -e "$file" ] || continue
  stack="${file#stacks/Pulumi.}"; stack="${stack%.yaml}"
  config=""
  if [ -f .github/scripts/stack-policy-config.sh ]; then config="$(bash .github/scripts/stack-policy-config.sh "$file")"; fi
  args=(plan --stack "$stack" --out "$out")
  if [ -n "$config" ]; then args+=(--policy-config "$config"); fi
  echo "::group::kis ${args[*]}"
  node cli/bin/kis.js "${args[@]}" > "$out/$stack.summary.txt" 2> "$out/$stack.stderr.txt"
  code=$?
  cat "$out/$stack.summary.txt" "$out/$stack.stderr.txt"
  echo "::endgroup::"
  last="$(grep '^kis: ' "$out/$stack.stderr.txt" | head -n 1 | tr '\t' ' ')"
  printf '%s\t%s\t%s\n' "$stack" "$code" "$last" >> "$out/plan-status.tsv"
done
