#!/usr/bin/env bash
# Installs the two tools the render test needs, outside the repository, from package registries only:
#  - helm v4.3.2, built from its Go module (helm.sh/helm/v4/cmd/helm) by the Go toolchain through the module proxy;
#    a helm already on PATH is used when its version is exactly v4.3.2;
#  - the Kubernetes API's JSON schemas (kubeconform-style, "-local-strict") for the cluster version docs/kong.md
#    names, taken from the PyPI package kubernetes-validate, which ships them per Kubernetes version.
# Idempotent: a second run finds both in the cache and prints their paths at once.
# Prints two lines, KIS_HELM=<path to helm> and KIS_K8S_SCHEMAS=<folder>. With --check it installs nothing and
# exits 3 when either is missing (the render test calls it so, and never downloads).
set -euo pipefail
CHECK_ONLY=false
[ "${1:-}" = "--check" ] && CHECK_ONLY=true

HELM_VERSION=v4.3.2
K8S_VERSION=v1.34.0                     # the cluster version docs/kong.md names
K8S_SCHEMA_PACKAGE=kubernetes-validate==1.37.0
CACHE="${KIS_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kong-identity-stack}"
HELM_DIR="$CACHE/helm-$HELM_VERSION"
SCHEMA_DIR="$CACHE/k8s-schemas-$K8S_VERSION-local-strict"

helm_version_of() { "$1" version --template '{{.Version}}' 2>/dev/null || true; }

find_helm() {
  if command -v helm >/dev/null 2>&1 && [ "$(helm_version_of "$(command -v helm)")" = "$HELM_VERSION" ]; then
    command -v helm; return 0
  fi
  if [ -x "$HELM_DIR/helm" ] && [ "$(helm_version_of "$HELM_DIR/helm")" = "$HELM_VERSION" ]; then
    echo "$HELM_DIR/helm"; return 0
  fi
  return 1
}

build_helm() {
  command -v go >/dev/null 2>&1 || { echo "render-tools: no Go toolchain on PATH: helm $HELM_VERSION is built from its Go module (install Go >= 1.24)" >&2; exit 1; }
  local work; work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  mkdir -p "$HELM_DIR"
  # go install pkg@version builds outside any module; the version string is stamped as helm's own release builds do.
  (cd "$work" && GOFLAGS=-mod=mod GOBIN="$work/bin" CGO_ENABLED=0 go install -trimpath \
      -ldflags "-s -w -X helm.sh/helm/v4/internal/version.version=$HELM_VERSION" \
      "helm.sh/helm/v4/cmd/helm@$HELM_VERSION") >&2
  mv "$work/bin/helm" "$HELM_DIR/helm.partial" && mv "$HELM_DIR/helm.partial" "$HELM_DIR/helm"
}

fetch_schemas() {
  local work; work="$(mktemp -d)"
  trap 'rm -rf "$work"' RETURN
  local py; py="$(command -v python3 || command -v python)" || { echo "render-tools: python3 with pip is needed to download $K8S_SCHEMA_PACKAGE" >&2; exit 1; }
  "$py" -m pip download --quiet --no-deps --only-binary=:all: -d "$work" "$K8S_SCHEMA_PACKAGE" >&2
  "$py" - "$work" "$SCHEMA_DIR" "$K8S_VERSION" <<'PY'
import glob, os, sys, zipfile
work, dest, version = sys.argv[1], sys.argv[2], sys.argv[3]
prefix = f"kubernetes_validate/kubernetes-json-schema/{version}-local-strict/"
wheel = glob.glob(os.path.join(work, "*.whl"))[0]
tmp = dest + ".partial"
os.makedirs(tmp, exist_ok=True)
n = 0
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(prefix) and name.endswith(".json"):
            with open(os.path.join(tmp, os.path.basename(name)), "wb") as f:
                f.write(z.read(name))
            n += 1
if n == 0:
    sys.exit(f"render-tools: {wheel} has no schemas under {prefix}")
os.rename(tmp, dest)
PY
}

helm_path="$(find_helm || true)"
if $CHECK_ONLY; then
  [ -n "$helm_path" ] || { echo "render-tools: helm $HELM_VERSION not built yet (bash test/render/tools/render-tools.sh)" >&2; exit 3; }
  [ -f "$SCHEMA_DIR/_definitions.json" ] || { echo "render-tools: Kubernetes $K8S_VERSION schemas not installed yet (bash test/render/tools/render-tools.sh)" >&2; exit 3; }
fi
if [ -z "$helm_path" ]; then
  build_helm
  helm_path="$(find_helm)" || { echo "render-tools: built helm does not report $HELM_VERSION" >&2; exit 1; }
fi
if [ ! -f "$SCHEMA_DIR/_definitions.json" ]; then
  rm -rf "$SCHEMA_DIR.partial"
  fetch_schemas
fi
echo "KIS_HELM=$helm_path"
echo "KIS_K8S_SCHEMAS=$SCHEMA_DIR"
