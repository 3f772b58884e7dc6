#!/bin/sh
# usage: sh misbehave-once.sh hang|exit MARKER COMMAND...
# Runs COMMAND (the real gopls) in place of this shell -- unless the file MARKER exists: then this
# start takes the marker (renames it to MARKER.used, atomically, so exactly one start takes it) and
# misbehaves instead:
#   hang  reads its input forever without answering, as a server stuck before answering
#         initialize does; its output stays open (kept on fd 3), so only a timeout can tell;
#   exit  exits at once with code 3, as a server that fails on start does.
# Every start that finds no marker is the real server.
mode=$1
marker=$2
shift 2
if mv "$marker" "$marker.used" 2>/dev/null; then
  if [ "$mode" = hang ]; then
    exec cat 3>&1 >/dev/null
  fi
  exit 3
fi
exec "$@"
