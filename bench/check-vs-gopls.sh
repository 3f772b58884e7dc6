#!/usr/bin/env bash
# hotlsp check DIR vs gopls check on the same Go files, wall time, runs interleaved.
# usage: bench/check-vs-gopls.sh DIR [N=9] [ROOT...]
#   ROOT: HotLSP checkouts to compare (default: this one), each with lsp-proxy/target/hotlsp.jar
#   built; the JVM's AOT cache is trained as ./dev build does when it is older than the jar.
#   VARIANTS (environment): hotlsp check argument sets separated by ';', each measured per ROOT,
#   e.g. VARIANTS=';--no-build' compares the default check (gopls + go build) with gopls only.
# Prints each run in ms, the medians, and each median's ratio to gopls check's, and the load average.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$(cd "$1" && pwd)"; N="${2:-9}"; shift $(( $# < 2 ? $# : 2 ))
ROOTS=("$@"); [ ${#ROOTS[@]} -gt 0 ] || ROOTS=("$HERE")
export GOTOOLCHAIN=local PATH="$HERE/.tools/bin:$PATH"
# shellcheck source=/dev/null
source "$HERE/scripts/find-jdk.sh"
JDK="$(hotlsp_find_jdk)"
for ROOT in "${ROOTS[@]}"; do
  # shellcheck source=/dev/null
  source "$ROOT/scripts/jvm-flags.sh"
  jar="$ROOT/lsp-proxy/target/hotlsp.jar" aot="$ROOT/lsp-proxy/target/hotlsp.aot"
  if [ "$(hotlsp_java_major "$JDK")" -ge 25 ] && ! [ "$aot" -nt "$jar" ]; then
    rm -f "$aot"
    "$JDK/bin/java" "${HOTLSP_JVM_FLAGS[@]}" -XX:AOTCacheOutput="$aot" -Dhotlsp.home="$ROOT" \
      -jar "$jar" check "$ROOT/test-workspaces/hello" >/dev/null 2>&1 || rm -f "$aot"
  fi
  "$ROOT/hotlsp" check "$DIR" >/dev/null 2>&1 || true # warm caches
done
cd "$DIR"
mapfile -t FILES < <(find . -name '*.go' -not -path './.*' -not -path '*/testdata/*' -not -path '*/vendor/*' | sort)
gopls check "${FILES[@]}" >/dev/null 2>&1 || true
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1 || true; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
IFS=';' read -r -a VARS <<< "${VARIANTS:-}"; [ ${#VARS[@]} -gt 0 ] || VARS=("")
declare -A RUNS
for _ in $(seq "$N"); do
  RUNS[gopls]+="$(ms gopls check "${FILES[@]}") "
  for ROOT in "${ROOTS[@]}"; do
    for V in "${VARS[@]}"; do
      # shellcheck disable=SC2086
      RUNS[$ROOT $V]+="$(ms "$ROOT/hotlsp" check $V .) "
    done
  done
done
# shellcheck disable=SC2086
G=$(median ${RUNS[gopls]})
echo "$DIR: ${#FILES[@]} Go files, $N runs each, ms"
echo "gopls check: ${RUNS[gopls]}median $G"
for ROOT in "${ROOTS[@]}"; do
  for V in "${VARS[@]}"; do
    # shellcheck disable=SC2086
    M=$(median ${RUNS[$ROOT $V]})
    echo "hotlsp check $V ($ROOT): ${RUNS[$ROOT $V]}median $M ($(awk "BEGIN {printf \"%.2f\", $M / $G}")x)"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
