#!/usr/bin/env bash
# Runs every HotLSP benchmark (called by `./dev bench`). Markdown on stdout, raw JSON in bench/results/.
#   HOTLSP=path       the hotlsp launcher to benchmark (default: <repo>/hotlsp); skipped if it cannot serve
#   BENCH_QUICK=1     a short run (fewer requests) to check the harness
#   CRASH_ARGS="..."  extra arguments for crash_recovery.py (e.g. "--kills 4 --pause 2")
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
export GOTOOLCHAIN=local
HOTLSP="${HOTLSP:-$ROOT/hotlsp}"
PY="${PYTHON:-python3}"
cd "$ROOT"

lsp_args=(); tail_args=(); pipe_args=(); crash=0
if [ "${BENCH_QUICK:-0}" = 1 ]; then
  lsp_args+=(--requests 400 --warmup 40 --init-reps 2)
  tail_args+=(--runs 1 --requests 300 --warmup 100)
  pipe_args+=(--seq 500 --small 5000 --large 10 --rounds 1)
fi
if [ -x "$HOTLSP" ] && "$PY" "$HERE/probe.py" "$HOTLSP serve --gopls \"{echo}\"" 2>/dev/null; then
  lsp_args+=(--server-cmd "hotlsp=$HOTLSP serve")
  tail_args+=(--server-cmd "hotlsp=$HOTLSP serve --no-watch")
  pipe_args+=(--server-cmd "hotlsp=$HOTLSP serve --gopls \"{echo}\"")
  crash=1
else
  echo "[run-all] $HOTLSP serve did not answer initialize: benchmarking gopls direct and forwarder only" >&2
fi

status=0
echo "## HotLSP benchmarks ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs)"
echo
"$PY" "$HERE/lsp_bench.py" "${lsp_args[@]}" || status=1
echo
"$PY" "$HERE/hover_tail.py" "${tail_args[@]}" || status=1
echo
"$PY" "$HERE/pipe_bench.py" "${pipe_args[@]}" || status=1
if [ "$crash" = 1 ]; then
  echo
  # shellcheck disable=SC2086
  "$PY" "$HERE/crash_recovery.py" --server-cmd "$HOTLSP serve --crash-window-seconds 1" --pause 1.5 ${CRASH_ARGS:-} || status=1
  echo
  # hotlsp web: the WebSocket hop vs stdio for hover, and the ready time (issue 19)
  if [ "${BENCH_QUICK:-0}" = 1 ]; then ws_args=(--requests 200 --warmup 50 --ready-reps 2); else ws_args=(); fi
  "$PY" "$HERE/ws_bench.py" --hotlsp "$HOTLSP" "${ws_args[@]}" || status=1
fi
echo
# Save -> new binary: HotLSP's rebuild loop vs air vs a bare go build loop (issue "watch, decide, rebuild").
if [ "${BENCH_QUICK:-0}" = 1 ]; then "$HERE/rebuild/run.sh" 3 || status=1; else "$HERE/rebuild/run.sh" 10 || status=1; fi
exit $status
