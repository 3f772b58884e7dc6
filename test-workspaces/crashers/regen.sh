#!/usr/bin/env bash
# Regenerates the golden crash traces from this machine's Go:
#   test-workspaces/crashers/regen.sh
# Each mode of the crashers program runs once from a normal build and once from a -trimpath
# build; its combined stdout+stderr goes, as it comes, to
#   gopls-bridge/src/test/resources/crash/golden/<mode>.trace           (absolute paths)
#   gopls-bridge/src/test/resources/crash/golden/trimpath-<mode>.trace   (module paths)
# The absolute directory of this workspace at generation time goes to golden/source-root.txt;
# CrashGoldenTest replaces it with the workspace's location at test time. Afterwards refresh the
# expected .json with:  mvn -B -o -pl gopls-bridge test -Dtest=CrashGoldenTest -Dhotlsp.golden.rewrite=true
set -uo pipefail
export GOTOOLCHAIN=local LC_ALL=C
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/gopls-bridge/src/test/resources/crash/golden"
BIN="$(mktemp -d /tmp/crashers.XXXXXX)"
trap 'rm -rf "$BIN"' EXIT
mkdir -p "$OUT"
cd "$HERE"
go build -o "$BIN/plain" . || exit 1
go build -trimpath -o "$BIN/trim" . || exit 1
CGO_ENABLED=1 go build -race -o "$BIN/race" . || exit 1
CGO_ENABLED=1 go build -race -trimpath -o "$BIN/race-trim" . || exit 1

MODES=(nil-map index nil-deref custom-error repanic nested deadlock mapwrite overflow oom
       goroutine-panic deep generic sigquit)
run() { # run NAME BINARY ARGS... [env via ENV_EXTRA]
  local name="$1" bin="$2"; shift 2
  env ${ENV_EXTRA:-} timeout 60 "$bin" "$@" >"$OUT/$name.trace" 2>&1
  printf '%-28s exit %s\n' "$name" "$?" >&2
}
for m in "${MODES[@]}"; do
  run "$m" "$BIN/plain" "$m"
  run "trimpath-$m" "$BIN/trim" "$m"
done
run race "$BIN/race" race
run trimpath-race "$BIN/race-trim" race
ENV_EXTRA=GOTRACEBACK=system run traceback-system-nil-map "$BIN/plain" nil-map
ENV_EXTRA=GOTRACEBACK=all run many "$BIN/plain" many 20
printf '%s\n' "$HERE" >"$OUT/source-root.txt"
go version >"$OUT/go-version.txt"
