# Sourced by ./dev and ./hotlsp: prints the home of a JDK >= 21, or fails.
# Order: HOTLSP_JAVA_HOME, JAVA_HOME, then /usr/lib/jvm/* (newest first).
hotlsp_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}
hotlsp_find_jdk() {
  local c major
  for c in "${HOTLSP_JAVA_HOME:-}" "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -Vr); do
    c="${c%/}"
    [ -n "$c" ] && [ -x "$c/bin/java" ] || continue
    major="$(hotlsp_java_major "$c")"
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ]; then printf '%s\n' "$c"; return 0; fi
  done
  return 1
}
