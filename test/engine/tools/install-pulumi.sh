#!/usr/bin/env bash
# Puts the real Pulumi CLI (the version of @pulumi/pulumi in package.json) and its Node.js language host where the
# engine tests and `npm run engine` find them. Idempotent: a `pulumi` on PATH of the right version is used as it
# is; otherwise both are built from their Go modules (the only place this machine can get them: release pages are
# unreachable) into a cache folder outside the repository, reused by later runs on the same machine.
#
#   bash test/engine/tools/install-pulumi.sh            build or reuse; print where the CLI is
#   bash test/engine/tools/install-pulumi.sh --bin-dir  print only the folder holding `pulumi` (for PATH)
#
# Cache: $KIS_TOOLS_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/kong-identity-stack/tools.
# The language host's status is written to <bin dir>/language-host.status: "built", "on PATH", or
# "unavailable: <the Go command's error>" (docs/testing.md says why it can be unavailable here).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="v$(node -p 'require(process.argv[1]).dependencies["@pulumi/pulumi"]' "$here/../../../package.json")"
# The language host has no version tags; its code at the commit the CLI's tag points at (as a pseudo-version).
langhost_module="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
langhost_version="v3.0.0-20260624180030-dc7edd58bc13"
cache="${KIS_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kong-identity-stack/tools}"
bin="$cache/pulumi-$version/bin"
only_dir=false
[ "${1:-}" = "--bin-dir" ] && only_dir=true
say() { $only_dir || echo "install-pulumi: $*" >&2; }

matches() { # the version a pulumi binary reports is ours (3.248.x)
  local v; v="$("$1" version 2>/dev/null || true)"
  [[ "$v" == "${version%.*}".* ]]
}

ambient="$(command -v pulumi || true)"
if [ -n "$ambient" ] && [ "$ambient" != "$bin/pulumi" ] && matches "$ambient"; then
  bin="$(dirname "$ambient")"
  say "using $ambient ($("$ambient" version))"
elif [ -x "$bin/pulumi" ] && matches "$bin/pulumi"; then
  say "cached: $bin/pulumi ($version)"
else
  command -v go >/dev/null || { echo "install-pulumi: no Go toolchain on PATH; install Go (1.25 or later) to build the Pulumi CLI" >&2; exit 2; }
  mkdir -p "$bin"
  say "building the Pulumi CLI $version from its Go module (a few minutes on a fresh machine; later runs reuse $bin)"
  start=$(date +%s)
  # The build module pins the CLI and its dependencies (go.sum); -mod=readonly so nothing resolves anew.
  (cd "$here/pulumi-build" && go build -mod=readonly -trimpath -o "$bin/pulumi.tmp" \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
      github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  mv "$bin/pulumi.tmp" "$bin/pulumi"
  say "built $bin/pulumi in $(( $(date +%s) - start )) s"
fi

status="$bin/language-host.status"
if [ -x "$bin/pulumi-language-nodejs" ]; then
  echo "built" > "$status" 2>/dev/null || true
elif [ -n "$(command -v pulumi-language-nodejs || true)" ]; then
  echo "on PATH: $(command -v pulumi-language-nodejs)" > "$status" 2>/dev/null || true
elif [ -w "$bin" ]; then
  # Its own small build module: the language host's go.mod points pkg/v3 and sdk/v3 at sibling folders, which a
  # dependency cannot use, so this module pins them to the tagged versions instead (and repeats the clipboard fork).
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cat > "$work/go.mod" <<EOF
module kis/pulumi-language-nodejs-build

go 1.25.11

require $langhost_module $langhost_version

replace (
	github.com/pulumi/pulumi/pkg/v3 => github.com/pulumi/pulumi/pkg/v3 $version
	github.com/pulumi/pulumi/sdk/v3 => github.com/pulumi/pulumi/sdk/v3 $version
	github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
)
EOF
  say "building the Node.js language host ($langhost_module@$langhost_version)"
  if out="$(cd "$work" && GOFLAGS=-mod=mod go build -trimpath -o "$bin/pulumi-language-nodejs" "$langhost_module" 2>&1)"; then
    echo "built" > "$status"
    say "built $bin/pulumi-language-nodejs"
  else
    printf 'unavailable: %s\n' "$(echo "$out" | tail -n 3 | tr '\n' ' ')" > "$status"
    say "the Node.js language host could not be built: $(cat "$status")"
  fi
fi

if $only_dir; then echo "$bin"; else echo "$bin/pulumi"; fi
