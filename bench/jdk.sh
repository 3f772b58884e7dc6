# Sourced by the bench scripts that run java or Maven: puts a JDK >= 21 first on PATH, found as
# ./dev finds it (scripts/find-jdk.sh), so they work from a shell whose default java is older, and
# sets HOTLSP_JVM_FLAGS (scripts/jvm-flags.sh) so a bench main runs on the JVM HotLSP runs on.
# Needs ROOT (the repository).
# shellcheck source=../scripts/find-jdk.sh
source "$ROOT/scripts/find-jdk.sh"
# shellcheck source=../scripts/jvm-flags.sh
source "$ROOT/scripts/jvm-flags.sh"
JAVA_HOME="$(hotlsp_find_jdk)" || { echo "[bench] no JDK >= 21 found (set JAVA_HOME)" >&2; exit 2; }
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
