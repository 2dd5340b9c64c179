#!/usr/bin/env bash
# Prints the policy-pack config file for one stack file, chosen by the stack's own `production:` setting (never its
# name): policy-packs/identity/config/prod.json when it says true, dev.json otherwise. The config namespace is the
# project's name (Pulumi.yaml). Used by the preview and deploy workflows; kis plan makes the same choice itself.
set -euo pipefail
stack_file="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
project="$(sed -n 's/^name:[[:space:]]*"\{0,1\}\([A-Za-z0-9_.-]*\)"\{0,1\}[[:space:]]*$/\1/p' "$root/Pulumi.yaml" | head -n 1)"
if grep -Eq "^[[:space:]]*${project//./\\.}:production:[[:space:]]*\"?true\"?[[:space:]]*$" "$stack_file"; then
  echo "policy-packs/identity/config/prod.json"
else
  echo "policy-packs/identity/config/dev.json"
fi
