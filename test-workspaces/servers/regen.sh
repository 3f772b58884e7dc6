#!/usr/bin/env bash
# Regenerates the golden traces of recovered panics and goroutine dumps from the real libraries
# this module pins (go.mod: go-chi, gin, echo) and this machine's Go:
#   test-workspaces/servers/regen.sh
# Each server runs from a normal and a -trimpath build; /panic is requested once (the library
# recovers the handler's panic and logs it), then the server is stopped; its stdout+stderr, as they
# come, go to gopls-bridge/src/test/resources/crash/servers/<name>.trace. `stuck` gets a request that
# blocks on a lock and then SIGQUIT, whose goroutine dump is the trace. The absolute directory of
# this workspace at generation time goes to servers/source-root.txt. Afterwards refresh the
# expected .json with:  mvn -B -o -pl gopls-bridge test -Dtest=CrashGoldenTest -Dhotlsp.golden.rewrite=true
set -uo pipefail
export GOTOOLCHAIN=local LC_ALL=C
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/gopls-bridge/src/test/resources/crash/servers"
BIN="$(mktemp -d /tmp/servers.XXXXXX)"
trap 'rm -rf "$BIN"' EXIT
mkdir -p "$OUT"
cd "$HERE"
go build -o "$BIN/plain/" ./cmd/... || exit 1
go build -trimpath -o "$BIN/trim/" ./cmd/... || exit 1

# serve NAME BINARY PATH SIGNAL: start, wait for "listening on", GET PATH, stop with SIGNAL
serve() {
  local name="$1" bin="$2" path="$3" sig="$4" out="$OUT/$1.trace" addr=""
  GIN_MODE="${GIN_MODE:-release}" "$bin" >"$out" 2>&1 &
  local pid=$!
  for _ in $(seq 100); do
    addr="$(sed -n 's/^listening on //p' "$out")"
    [ -n "$addr" ] && break
    sleep 0.05
  done
  curl -s -m 2 -o /dev/null "http://$addr$path"
  sleep 0.3 # the report is written after the response
  kill -s "$sig" "$pid"
  wait "$pid"
  printf '%-24s exit %s\n' "$name" "$?" >&2
}
for s in nethttp chi gin echo manual; do
  serve "$s" "$BIN/plain/$s" /panic TERM
  serve "trimpath-$s" "$BIN/trim/$s" /panic TERM
done
GIN_MODE=debug serve gin-debug "$BIN/plain/gin" '/panic?user=a' TERM
serve stuck "$BIN/plain/stuck" /block QUIT
printf '%s\n' "$HERE" >"$OUT/source-root.txt"
go version >"$OUT/go-version.txt"
