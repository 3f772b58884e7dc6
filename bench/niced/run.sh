#!/usr/bin/env bash
# Niced go commands started together as an unprivileged user (issue 8 §2): when each starts and
# when its CFS scheduling group is niced, through GoToolchain.startNiced (the kernel refuses a
# group nice change within 100 ms of another without CAP_SYS_ADMIN).
#   bench/niced/run.sh [ROUNDS] [COMMANDS]      (default 5 rounds of 4; table on stdout)
# Needs: a JDK >= 21 (found as ./dev finds it), Maven with dependencies cached, setpriv when root.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROUNDS="${1:-5}"
COMMANDS="${2:-4}"
log() { printf '[bench] %s\n' "$*" >&2; }
# shellcheck source=../bridge-classpath.sh
source "$ROOT/bench/bridge-classpath.sh"
{ echo "$(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"; uname -r; } >&2
java "${HOTLSP_JVM_FLAGS[@]}" -cp "$CP" dev.hotlsp.bridge.bench.NicedGroupsBench --rounds "$ROUNDS" --commands "$COMMANDS"
