# Sourced by bench scripts that run a bench main from gopls-bridge's test scope: compiles the bridge
# (test scope included) and sets CP to its classes plus Gson — no dependency plugin, so it works offline.
# Needs ROOT (the repository) and a log function.
# shellcheck source=jdk.sh
source "$ROOT/bench/jdk.sh"
log "compiling HotLSP (test scope holds the bench main)"
(cd "$ROOT" && mvn -q -B -o test-compile -pl gopls-bridge) 2>&1 \
  | grep -v -E 'Unsafe|terminally deprecated|consider reporting|will be removed' >&2 || true
GSON_VERSION="$(sed -n 's:.*<gson.version>\(.*\)</gson.version>.*:\1:p' "$ROOT/pom.xml")"
GSON="${M2_REPO:-$HOME/.m2/repository}/com/google/code/gson/gson/$GSON_VERSION/gson-$GSON_VERSION.jar"
CP="$GSON:$ROOT/gopls-bridge/target/classes:$ROOT/gopls-bridge/target/test-classes"
