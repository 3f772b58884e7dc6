# Sourced by ./dev and ./hotlsp: prints the home of a JDK >= 21, or fails.
# Order: HOTLSP_JAVA_HOME, JAVA_HOME, then /usr/lib/jvm/* (newest first).
# Reads each JDK's `release` file (no JVM start); runs java only when that file is missing.
hotlsp_java_major() {
  local v=""
  if [ -f "$1/release" ]; then
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")"
  fi
  if [ -z "$v" ]; then
    v="$("$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}')"
    v="${v%%.*}"
  fi
  printf '%s\n' "$v"
}
hotlsp_find_jdk() {
  local c major
  for c in "${HOTLSP_JAVA_HOME:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -Vr); do
    c="${c%/}"
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    major="$(hotlsp_java_major "$c")"
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then printf '%s\n' "$c"; return 0; fi
  done
  return 1
}
