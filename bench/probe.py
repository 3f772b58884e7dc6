#!/usr/bin/env python3
"""Exits 0 if the given stdio LSP command line answers `initialize` (echo server behind it if {echo})."""
import os
import shlex
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402
from pipe_bench import ECHO_CMD  # noqa: E402


def main(argv):
    if len(argv) != 1:
        print("usage: probe.py 'COMMAND LINE'", file=sys.stderr)
        return 2
    proc = lsp.LspProcess(shlex.split(argv[0].replace("{echo}", ECHO_CMD)))
    try:
        msg, _ = proc.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}},
                              timeout=float(os.environ.get("PROBE_TIMEOUT", "60")))
        return 0 if "result" in msg else 1
    except (lsp.LspTimeout, lsp.LspClosed, OSError, ValueError) as e:
        print("probe: %s" % e, file=sys.stderr)
        return 1
    finally:
        proc.shutdown()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
