#!/usr/bin/env python3
"""A trivial LSP server on stdio for the pipe benchmark.

`echo` requests are answered with their params as the result; `initialize` with empty
capabilities; `shutdown` and any other request with null; `exit` ends the process;
other notifications are ignored.
"""
import json
import os
import sys


def main():
    inp = os.fdopen(sys.stdin.fileno(), "rb", buffering=1 << 20)
    out_fd = sys.stdout.fileno()
    while True:
        length = None
        while True:
            line = inp.readline()
            if not line:
                return 0
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        if length is None:
            continue
        body = inp.read(length)
        if len(body) < length:
            return 0
        msg = json.loads(body)
        method = msg.get("method")
        if "id" not in msg or method is None:
            if method == "exit":
                return 0
            continue
        if method == "echo":
            result = msg.get("params")
        elif method == "initialize":
            result = {"capabilities": {}, "serverInfo": {"name": "echo"}}
        else:
            result = None
        data = json.dumps({"jsonrpc": "2.0", "id": msg["id"], "result": result}, separators=(",", ":")).encode()
        view = memoryview(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        while view:
            view = view[os.write(out_fd, view):]


if __name__ == "__main__":
    sys.exit(main())
