#!/usr/bin/env bash
# Installs what the tests need outside npm, when it is missing: from apt, shellcheck (the workflow
# oracle's shell check), graphviz (`dot` reads the graph's DOT output) and chromium (opens the graph's
# HTML page headless); and daemonless buildah/podman with local base images
# (../shared/tools/oci-build-setup.sh) for the real image builds. Idempotent: a second run takes about
# two seconds.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
missing=()
command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[ensure-test-tools] installing ${missing[*]} from apt" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "✖ not installed: ${missing[*]}; run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
if [ "${DEVSTACK_SKIP_OCI:-0}" != 1 ]; then
  setup="$here/../shared/tools/oci-build-setup.sh"
  if [ ! -f "$setup" ]; then
    echo "✖ $setup not found: the real-build tests need ../shared beside the checkout (or set DEVSTACK_SKIP_OCI=1 to skip them)" >&2
    exit 1
  fi
  bash "$setup" setup >&2
fi
