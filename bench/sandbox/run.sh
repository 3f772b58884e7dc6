#!/usr/bin/env bash
# Sandbox start overhead per isolation level versus a plain exec of the same binary (issue 9):
# test-workspaces/runners' hello, start → end, median of RUNS interleaved runs per configuration.
#   bench/sandbox/run.sh [RUNS]        (default 30; table on stdout)
# Needs: go, a JDK >= 21 (found as ./dev finds it), Maven with dependencies cached; bwrap and a writable cgroup
# for the isolated figures (root on the CI machine).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-30}"
export GOTOOLCHAIN=local
WORK="$(mktemp -d /tmp/hotlsp-sandbox-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
chmod 755 "$WORK"
log() { printf '[bench] %s\n' "$*" >&2; }

log "building test-workspaces/runners/cmd/hello"
(cd "$ROOT/test-workspaces/runners" && CGO_ENABLED=0 go build -o "$WORK/hello" ./cmd/hello)

# shellcheck source=../bridge-classpath.sh
source "$ROOT/bench/bridge-classpath.sh"

{ echo "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"; uname -r; bwrap --version 2>/dev/null || true; java -version 2>&1 | head -1; } >&2
java "${HOTLSP_JVM_FLAGS[@]}" -cp "$CP" dev.hotlsp.bridge.bench.SandboxBench --binary "$WORK/hello" --runs "$RUNS"
