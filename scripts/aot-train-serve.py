#!/usr/bin/env python3
"""The AOT cache's training workload (./dev build): one editor session through `hotlsp serve`.

  python3 scripts/aot-train-serve.py WORKSPACE -- JAVA_COMMAND... serve

Speaks LSP to the command given after `--` the way an editor starts a session (initialize with the
workspace folder, initialized, a document opened, a hover, shutdown, exit; every server request
answered with null), so the JVM's ahead-of-time cache holds what `initialize` and the first answers
load and link — issue 17 measured that path cold. Standard library only; exit 0 once the server
ended, 1 if it did not answer in time (the cache is then still written, from what ran).
"""
import json
import os
import select
import subprocess
import sys
import time


def frame(msg):
    body = json.dumps(msg).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def main():
    sep = sys.argv.index("--")
    root = os.path.abspath(sys.argv[1])
    proc = subprocess.Popen(sys.argv[sep + 1:], cwd=root, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=None if os.environ.get("HOTLSP_TRAIN_STDERR") else subprocess.DEVNULL, bufsize=0)
    buf = b""

    def send(msg):
        proc.stdin.write(frame(msg))

    def answer(rid, timeout=60):
        """Reads until the response to rid, answering server requests; False on timeout or EOF."""
        nonlocal buf
        deadline = time.monotonic() + timeout
        while True:
            end = buf.find(b"\r\n\r\n")
            if end >= 0:
                length = int([h for h in buf[:end].split(b"\r\n") if h.lower().startswith(b"content-length:")][0].split(b":")[1])
                if len(buf) >= end + 4 + length:
                    msg = json.loads(buf[end + 4:end + 4 + length])
                    buf = buf[end + 4 + length:]
                    if "method" in msg and "id" in msg:
                        send({"jsonrpc": "2.0", "id": msg["id"], "result": None})
                    elif "method" not in msg and msg.get("id") == rid:
                        return True
                    continue
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([proc.stdout], [], [], left)[0]:
                return False
            chunk = os.read(proc.stdout.fileno(), 1 << 16)
            if not chunk:
                return False
            buf += chunk

    uri = "file://" + root
    main_go = os.path.join(root, "main.go")
    ok = True
    send({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": os.getpid(), "rootUri": uri, "workspaceFolders": [{"uri": uri, "name": "ws"}],
        "capabilities": {"workspace": {"configuration": True, "workspaceFolders": True},
                         "window": {"workDoneProgress": True},
                         "textDocument": {"hover": {"contentFormat": ["markdown", "plaintext"]}}}}})
    ok &= answer(1)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    if os.path.exists(main_go):
        with open(main_go) as f:
            text = f.read()
        send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": "file://" + main_go, "languageId": "go", "version": 1, "text": text}}})
        send({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": "file://" + main_go}, "position": {"line": 0, "character": 9}}})
        ok &= answer(2)
    send({"jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": None})
    ok &= answer(3)
    send({"jsonrpc": "2.0", "method": "exit", "params": None})
    proc.stdin.close()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
