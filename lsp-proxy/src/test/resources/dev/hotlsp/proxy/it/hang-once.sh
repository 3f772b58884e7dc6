#!/bin/sh
# usage: sh hang-once.sh MARKER COMMAND...
# Runs COMMAND (the real gopls) in place of this shell -- unless the file MARKER exists: then this
# start takes the marker (renames it to MARKER.used, atomically) and reads its input forever
# without answering, as a language server stuck before answering initialize does. Each marker the
# test creates makes exactly one start hang; every other start is the real server.
marker=$1
shift
if mv "$marker" "$marker.used" 2>/dev/null; then
  exec cat >/dev/null
fi
exec "$@"
