#!/usr/bin/env bash
# Save -> new binary: HotLSP's RebuildLoop vs air vs a bare `go build` loop, on copies of
# test-workspaces/httpserver, and HotLSP alone on a generated 500-package workspace.
#   bench/rebuild/run.sh [EDITS]       (default 10; results in bench/results/rebuild-<time>/)
# Needs: go, python3, a JDK >= 21 (found as ./dev finds it), Maven with dependencies cached.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EDITS="${1:-10}"
AIR_VERSION=v1.67.4   # needs go >= 1.26.0
export GOTOOLCHAIN=local
OUT="$ROOT/bench/results/rebuild-$(date -u +%Y%m%dT%H%M%SZ)"
WORK="$(mktemp -d /tmp/hotlsp-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$OUT"
{ nproc; go version; uptime; } > "$OUT/machine.txt"
log() { printf '[bench] %s\n' "$*" >&2; }
# shellcheck source=../jdk.sh
source "$ROOT/bench/jdk.sh"

AIR="$ROOT/.tools/bin/air"
if ! "$AIR" -v 2>/dev/null | grep -q "${AIR_VERSION#v}"; then
  log "installing air $AIR_VERSION"
  GOBIN="$ROOT/.tools/bin" go install "github.com/air-verse/air@$AIR_VERSION"
fi

log "compiling HotLSP (test scope holds the bench main)"
(cd "$ROOT" && mvn -q -B -o test-compile -pl gopls-bridge \
  && mvn -q -B -o dependency:build-classpath -pl gopls-bridge -Dmdep.includeScope=test \
     -Dmdep.outputFile="$WORK/cp.txt") 2>&1 | grep -v -E 'Unsafe|terminally deprecated|consider reporting|will be removed' >&2 || true
CP="$(cat "$WORK/cp.txt"):$ROOT/gopls-bridge/target/classes:$ROOT/gopls-bridge/target/test-classes"

# The same edit for every tool: a string in the /health handler, so each edit changes the binary.
EDIT=(--edit internal/handlers/handlers.go --regex '"ok[^"]*\\n"' --template '"ok {i}\\n"'
      --noop internal/unused/unused.go --edits "$EDITS")
fresh() { rm -rf "$WORK/$1"; cp -r "$ROOT/test-workspaces/httpserver" "$WORK/$1"; echo "$WORK/$1"; }

log "(a) HotLSP RebuildLoop on httpserver"
java "${HOTLSP_JVM_FLAGS[@]}" -cp "$CP" dev.hotlsp.bridge.bench.RebuildBench --workspace "$(fresh a)" "${EDIT[@]}" \
  --out "$OUT/hotlsp-httpserver.json" 2>"$OUT/hotlsp-httpserver.log"
log "(a') the same with a 10 ms debounce (hotlsp serve --debounce-ms 10)"
java "${HOTLSP_JVM_FLAGS[@]}" -cp "$CP" dev.hotlsp.bridge.bench.RebuildBench --workspace "$(fresh a2)" "${EDIT[@]}" --debounce-ms 10 \
  --out "$OUT/hotlsp-debounce10-httpserver.json" 2>"$OUT/hotlsp-debounce10-httpserver.log"
for delay in 0 1; do
  log "(b) air $AIR_VERSION, delay = $delay"
  python3 "$ROOT/bench/rebuild/peers.py" air --air "$AIR" --delay "$delay" --workspace "$(fresh b)" \
    "${EDIT[@]}" --out "$OUT/air-delay$delay-httpserver.json" >/dev/null
done
log "(c) bare go build loop"
python3 "$ROOT/bench/rebuild/peers.py" loop --workspace "$(fresh c)" "${EDIT[@]}" \
  --out "$OUT/loop-httpserver.json" >/dev/null

log "(a) HotLSP on a generated 500-package / 5,000-file workspace"
python3 "$ROOT/bench/gen-workspace.py" "$WORK/big" >/dev/null
java "${HOTLSP_JVM_FLAGS[@]}" -cp "$CP" dev.hotlsp.bridge.bench.RebuildBench --workspace "$WORK/big" \
  --edit internal/l24/p480/p480.go --regex 'helper0\(n\)( \+ \d+)?' --template 'helper0(n) + {i}' \
  --edits "$EDITS" --out "$OUT/hotlsp-big.json" 2>"$OUT/hotlsp-big.log"

uptime >> "$OUT/machine.txt"
python3 "$ROOT/bench/rebuild/summary.py" "$OUT" | tee "$OUT/summary.txt"
