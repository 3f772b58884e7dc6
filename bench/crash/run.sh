#!/usr/bin/env bash
# Parse + map GOTRACEBACK=all dumps of 1k, 10k and 50k goroutines (test-workspaces/crashers `many N`)
# with HotLSP's crash parser: median time and allocation per dump.
#   bench/crash/run.sh [RUNS]        (default 30 runs after 40 warm-up runs; table on stdout)
# Needs: go, a JDK >= 21 (found as ./dev finds it), Maven with dependencies cached.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RUNS="${1:-30}"
export GOTOOLCHAIN=local
WORK="$(mktemp -d /tmp/hotlsp-crash-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
log() { printf '[bench] %s\n' "$*" >&2; }

log "building crashers and writing the dumps"
(cd "$ROOT/test-workspaces/crashers" && go build -o "$WORK/crashers" .)
for n in 1000 10000 50000; do
  GOTRACEBACK=all "$WORK/crashers" many "$n" >"$WORK/many-$n.trace" 2>&1 || true
done

# shellcheck source=../bridge-classpath.sh
source "$ROOT/bench/bridge-classpath.sh"

{ nproc; go version; java -version 2>&1 | head -1; } >&2
java "${HOTLSP_JVM_FLAGS[@]}" -cp "$CP" dev.hotlsp.bridge.bench.CrashBench --workspace "$ROOT/test-workspaces/crashers" --runs "$RUNS" \
  "$WORK/many-1000.trace" "$WORK/many-10000.trace" "$WORK/many-50000.trace"
