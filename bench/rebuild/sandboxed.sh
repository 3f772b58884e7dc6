#!/usr/bin/env bash
# Save -> new binary with go build in the build sandbox (bubblewrap, issue 16 §1) versus without it,
# side by side on two copies of test-workspaces/httpserver, edits interleaved (SandboxedBuildBench).
#   bench/rebuild/sandboxed.sh [EDITS]     (default 10; table on stdout)
# Needs: go, bwrap, a JDK >= 21 (found as ./dev finds it), Maven with dependencies cached.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EDITS="${1:-10}"
export GOTOOLCHAIN=local
WORK="$(mktemp -d /tmp/hotlsp-sandboxed-build.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
log() { printf '[bench] %s\n' "$*" >&2; }
# shellcheck source=../bridge-classpath.sh
source "$ROOT/bench/bridge-classpath.sh"
for side in sandboxed plain; do cp -r "$ROOT/test-workspaces/httpserver" "$WORK/$side"; done
{ echo "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"; go version; bwrap --version; } >&2
java "${HOTLSP_JVM_FLAGS[@]}" -cp "$CP" dev.hotlsp.bridge.bench.SandboxedBuildBench \
  --sandboxed "$WORK/sandboxed" --plain "$WORK/plain" \
  --edit internal/handlers/handlers.go --regex '"ok[^"]*\\n"' --template '"ok {i}\\n"' --edits "$EDITS"
