#!/usr/bin/env bash
# Prints the stacks in stacks/ as a JSON matrix for GitHub Actions:
# [{"stack":"dev","policyConfig":"policy-packs/identity/config/dev.json"}, ...].
set -euo pipefail
cd "$(dirname "$0")/../.."
first=1
printf '['
for file in stacks/Pulumi.*.yaml; do
  [ -e "$file" ] || continue
  stack="${file#stacks/Pulumi.}"; stack="${stack%.yaml}"
  config="$(bash .github/scripts/stack-policy-config.sh "$file")"
  [ $first -eq 1 ] || printf ','
  first=0
  printf '{"stack":"%s","policyConfig":"%s"}' "$stack" "$config"
done
printf ']\n'
