# Sourced by ./dev and ./hotlsp: prints the home of a JDK >= 21, or fails.
# Order: HOTLSP_JAVA_HOME, JAVA_HOME, then the newest (highest major) of /usr/lib/jvm/*.
# Reads each JDK's `release` file with shell builtins (no process: ./hotlsp runs this at every
# start, and each sed/ls/sort cost 5-10 ms on a loaded machine); runs java only when that file is missing.

# Sets HOTLSP_MAJOR to the Java major version of the JDK at $1 (empty if unknown).
hotlsp_major_of() {
  local line
  HOTLSP_MAJOR=""
  if [ -f "$1/release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=*) line="${line#JAVA_VERSION=}"; line="${line#\"}"; HOTLSP_MAJOR="${line%%[!0-9]*}"; break ;;
      esac
    done < "$1/release"
  fi
  if [ -z "$HOTLSP_MAJOR" ]; then
    HOTLSP_MAJOR="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
    HOTLSP_MAJOR="${HOTLSP_MAJOR%%.*}"
  fi
}
hotlsp_java_major() {
  hotlsp_major_of "$1"
  printf '%s\n' "$HOTLSP_MAJOR"
}
hotlsp_find_jdk() {
  local c best="" best_major=0
  for c in "${HOTLSP_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    c="${c%/}"
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    hotlsp_major_of "$c"
    if [ -n "$HOTLSP_MAJOR" ] && [ "$HOTLSP_MAJOR" -ge 21 ] 2>/dev/null; then printf '%s\n' "$c"; return 0; fi
  done
  for c in /usr/lib/jvm/*/; do
    c="${c%/}"
    [ -x "$c/bin/java" ] || continue
    hotlsp_major_of "$c"
    if [ -n "$HOTLSP_MAJOR" ] && [ "$HOTLSP_MAJOR" -ge 21 ] 2>/dev/null && [ "$HOTLSP_MAJOR" -ge "$best_major" ]; then
      best="$c"; best_major="$HOTLSP_MAJOR"
    fi
  done
  [ -n "$best" ] && printf '%s\n' "$best"
}
