#!/usr/bin/env bash
# Prints the stacks in stacks/ as a JSON matrix for GitHub Actions, each with the project, whether it is production
# (its `production:` setting) and the policy config that setting selects:
#   list-stacks.sh [all|development|production]
#   [{"stack":"dev","project":"kong-identity-stack","production":false,"policyConfig":"policy-packs/identity/config/dev.json"}, ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
which="${1:-all}"
project="$(sed -n 's/^name:[[:space:]]*"\{0,1\}\([A-Za-z0-9_.-]*\)"\{0,1\}[[:space:]]*$/\1/p' Pulumi.yaml | head -n 1)"
first=1
printf '['
for file in stacks/Pulumi.*.yaml; do
  [ -e "$file" ] || continue
  stack="${file#stacks/Pulumi.}"; stack="${stack%.yaml}"
  config="$(bash .github/scripts/stack-policy-config.sh "$file")"
  production=false
  [ "$config" = "policy-packs/identity/config/prod.json" ] && production=true
  case "$which" in
    development) [ "$production" = false ] || continue ;;
    production) [ "$production" = true ] || continue ;;
  esac
  [ $first -eq 1 ] || printf ','
  first=0
  printf '{"stack":"%s","project":"%s","production":%s,"policyConfig":"%s"}' "$stack" "$project" "$production" "$config"
done
printf ']\n'
