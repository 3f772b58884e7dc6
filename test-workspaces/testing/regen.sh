#!/usr/bin/env bash
# Regenerates the captured `go test -json` streams of this module from this machine's Go:
#   test-workspaces/testing/regen.sh
# into gopls-bridge/src/test/resources/gotest/<name>.json (stdout and stderr of go, as they come):
#   all.json       go test -json -count=1 ./...                    (the default run: passes, a failing
#                  subtest, a t.Helper failure, a panicking test, a skip, a test that does not build)
#   seeded.json    the same on a copy with lib's seeded edit (lib/lib.go), ./lib ./report ./greet
#   timeout.json   go test -json -count=1 -tags hang -timeout 2s ./hang
#   trimpath.json  go test -json -count=1 -trimpath ./failing ./broken
#   cached.json    go test -json ./greet ./lib, the second of two runs: (cached) results
# The absolute directory of this workspace at generation time goes to source-root.txt; the tests
# replace it with the workspace's location at test time.
set -uo pipefail
export GOTOOLCHAIN=local LC_ALL=C GOFLAGS=
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/gopls-bridge/src/test/resources/gotest"
COPY="$(mktemp -d /tmp/testing-seeded.XXXXXX)"
trap 'rm -rf "$COPY"' EXIT
mkdir -p "$OUT"
cd "$HERE"
go test -json -count=1 ./... >"$OUT/all.json" 2>&1
go test -json -count=1 -tags hang -timeout 2s ./hang >"$OUT/timeout.json" 2>&1
go test -json -count=1 -trimpath ./failing ./broken >"$OUT/trimpath.json" 2>&1
go test -json ./greet ./lib >/dev/null 2>&1
go test -json ./greet ./lib >"$OUT/cached.json" 2>&1
cp -r "$HERE/." "$COPY/"
sed -i 's/total += x$/total += x * 2/' "$COPY/lib/lib.go"
(cd "$COPY" && go test -json -count=1 ./lib ./report ./greet) | sed "s#$COPY#$HERE#g" >"$OUT/seeded.json" 2>&1
printf '%s\n' "$HERE" >"$OUT/source-root.txt"
go version >"$OUT/go-version.txt"
