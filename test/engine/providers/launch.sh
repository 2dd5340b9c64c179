#!/usr/bin/env bash
# The engine starts `pulumi-resource-<name>` with the engine's address; each test plugin on PATH is a symlink to
# this script, named for the plugin it stands in for. Versions are the ones package.json installs.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
name="$(basename "$0")"; name="${name#pulumi-resource-}"
version="$(node -p "require('$root/node_modules/@pulumi/$name/package.json').version")"
exec "$root/node_modules/.bin/tsx" "$here/test-provider.ts" "$name" "$version" "$@"
