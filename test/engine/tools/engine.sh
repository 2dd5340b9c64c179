#!/usr/bin/env bash
# `npm run engine -- <pulumi args>`: the real Pulumi CLI as the engine tests run it, for a person to type, e.g.
#   PULUMI_CONFIG_PASSPHRASE='kong-identity-stack example passphrase (not for production)' \
#     npm run engine -- config --stack dev --show-secrets
# - the CLI from install-pulumi.sh (built once, cached outside the repository);
# - a local file backend and PULUMI_HOME under ${TMPDIR:-/tmp}/kong-identity-stack-engine unless
#   PULUMI_BACKEND_URL / PULUMI_HOME are set, so nothing reaches Pulumi Cloud and nothing touches ~/.pulumi;
# - PULUMI_CONFIG_PASSPHRASE as the environment has it (the example stacks' passphrase is in docs/testing.md);
# - a stack named on the command line with --stack is created in the local backend first if it is missing.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
bin="$(bash "$here/install-pulumi.sh" --bin-dir)"
scratch="${TMPDIR:-/tmp}/kong-identity-stack-engine"
export PULUMI_HOME="${PULUMI_HOME:-$scratch/home}"
if [ -z "${PULUMI_BACKEND_URL:-}" ]; then
  mkdir -p "$scratch/state"
  export PULUMI_BACKEND_URL="file://$scratch/state"
fi
# The test provider plugins (test/engine/providers) stand in for azuread, okta, aws, random and kubernetes.
export PATH="$bin:$here/../providers:$PATH"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true
cd "$root"

stack=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --stack | -s) stack="${args[$((i + 1))]:-}" ;;
    --stack=*) stack="${args[$i]#--stack=}" ;;
  esac
done
if [ -n "$stack" ] && [ "${1:-}" != "stack" ] && ! pulumi stack ls --json 2>/dev/null | grep -q "\"name\": \"$stack\""; then
  pulumi stack init "$stack" --no-select >/dev/null
fi
exec pulumi "$@"
