#!/usr/bin/env bash
# Prints the policy-pack config file for one stack file: policy-packs/identity/config/<environment>.json,
# where <environment> is the stack's kong-identity-stack:environment; nothing when there is no such file
# (the pack then runs with its defaults). Used by the preview and deploy workflows.
set -euo pipefail
stack_file="$1"
env_name="$(sed -n 's/^[[:space:]]*kong-identity-stack:environment:[[:space:]]*"\{0,1\}\([a-z0-9-]*\)"\{0,1\}[[:space:]]*$/\1/p' "$stack_file" | head -n 1)"
config="policy-packs/identity/config/${env_name:-none}.json"
if [ -n "$env_name" ] && [ -f "$config" ]; then echo "$config"; fi
