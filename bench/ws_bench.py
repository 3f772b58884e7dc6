#!/usr/bin/env python3
"""The WebSocket hop of `hotlsp web` against HotLSP's stdio (`hotlsp serve`), in one run.

Both configurations are HotLSP with its own gopls on the same workspace; the editor side differs:
  stdio      `hotlsp serve`, Content-Length framing on pipes (what VS Code uses)
  websocket  `hotlsp web`, one JSON-RPC message per text message on ws://127.0.0.1:PORT/lsp
             (what a browser page with monaco-languageclient sends), the client's frames masked
Hover requests, one at a time, interleaved chunk by chunk; p50/p99 per configuration and the
added latency of the WebSocket. Also `hotlsp web` ready time: spawn to the URL on stderr with the
port accepting connections. The WebSocket client is written here (RFC 6455, no dependency).

  bench/ws_bench.py [--requests N] [--chunk N] [--ready-reps N] [--hotlsp ./hotlsp]
"""
import argparse
import base64
import json
import os
import re
import select
import socket
import statistics
import struct
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
URL = re.compile(rb"http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]+)")


class WsReader:
    """Reads whole text messages from a WebSocket, answering pings; read() as lsp.FrameReader's."""

    def __init__(self, sock):
        self.sock = sock
        self.buf = bytearray()

    def _need(self, n, deadline):
        while len(self.buf) < n:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise lsp.LspTimeout("timed out reading from the WebSocket")
            ready, _, _ = select.select([self.sock], [], [], remaining)
            if not ready:
                raise lsp.LspTimeout("timed out reading from the WebSocket")
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise lsp.LspClosed("the server closed the connection")
            self.buf += chunk

    def _frame(self, deadline):
        self._need(2, deadline)
        b0, b1 = self.buf[0], self.buf[1]
        n, off = b1 & 0x7F, 2
        if n == 126:
            self._need(4, deadline)
            n, off = struct.unpack(">H", self.buf[2:4])[0], 4
        elif n == 127:
            self._need(10, deadline)
            n, off = struct.unpack(">Q", self.buf[2:10])[0], 10
        self._need(off + n, deadline)
        payload = bytes(self.buf[off:off + n])
        del self.buf[:off + n]
        return b0 & 0x80, b0 & 0x0F, payload

    def read(self, timeout):
        deadline = time.monotonic() + timeout
        message = bytearray()
        while True:
            fin, opcode, payload = self._frame(deadline)
            if opcode == 0x9:
                send_frame(self.sock, 0xA, payload)
                continue
            if opcode == 0x8:
                raise lsp.LspClosed("closed: %r" % payload)
            if opcode in (0x1, 0x0, 0x2):
                message += payload
                if fin:
                    return bytes(message), time.perf_counter_ns()


def send_frame(sock, opcode, payload):
    mask = os.urandom(4)
    n = len(payload)
    if n < 126:
        head = struct.pack(">BB", 0x80 | opcode, 0x80 | n)
    elif n < 1 << 16:
        head = struct.pack(">BBH", 0x80 | opcode, 0x80 | 126, n)
    else:
        head = struct.pack(">BBQ", 0x80 | opcode, 0x80 | 127, n)
    masked = bytes(b ^ mask[i & 3] for i, b in enumerate(payload))
    sock.sendall(head + mask + masked)


def start_web(hotlsp, root, env, log):
    """Spawns `hotlsp web ROOT`; returns (process, port, token, ms from spawn to ready)."""
    t0 = time.perf_counter_ns()
    proc = subprocess.Popen([hotlsp, "web", root], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=env, start_new_session=True)
    seen = b""
    deadline = time.monotonic() + 30
    while True:
        if time.monotonic() > deadline:
            raise RuntimeError("hotlsp web printed no URL: %r" % seen)
        ready, _, _ = select.select([proc.stderr], [], [], 1)
        if ready:
            chunk = os.read(proc.stderr.fileno(), 65536)
            if not chunk:
                raise RuntimeError("hotlsp web ended: %r" % seen)
            seen += chunk
            m = URL.search(seen)
            if m:
                port, token = int(m.group(1)), m.group(2).decode()
                socket.create_connection(("127.0.0.1", port), timeout=5).close()
                ms = (time.perf_counter_ns() - t0) / 1e6
                # keep draining stderr to the log so the server never blocks on it
                log.write(seen)
                subprocess.Popen(["cat"], stdin=proc.stderr, stdout=log, start_new_session=True)
                return proc, port, token, ms


class WsProcess(lsp.LspProcess):
    """`hotlsp web` with one connection, driven through lsp.LspProcess's request/notify."""

    def __init__(self, hotlsp, root, env, log):
        self.proc, port, token, self.ready_ms = start_web(hotlsp, root, env, log)
        self.pid = self.proc.pid
        self.t_spawn = time.perf_counter_ns()
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        key = base64.b64encode(os.urandom(16)).decode()
        host = "127.0.0.1:%d" % port
        self.sock.sendall(("GET /lsp?token=%s HTTP/1.1\r\nHost: %s\r\nOrigin: http://%s\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n"
                           % (token, host, host, key)).encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise RuntimeError("handshake refused: %r" % head)
        self.reader = WsReader(self.sock)
        self.next_id = 1
        self.on_notification = None
        import threading
        self.write_lock = threading.Lock()

    def write_raw(self, data):
        body = data[data.index(b"\r\n\r\n") + 4:]
        with self.write_lock:
            send_frame(self.sock, 0x1, body)

    def shutdown(self, timeout=5.0):
        try:
            send_frame(self.sock, 0x8, struct.pack(">H", 1000))
            self.sock.close()
        except OSError:
            pass
        lsp.kill_group(self.pid)
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass


def prepare(proc, root, main_uri, text):
    proc.on_notification = lambda m: diagnosed.add(m["params"]["uri"]) \
        if m.get("method") == "textDocument/publishDiagnostics" else None
    diagnosed = set()
    msg, _ = proc.request("initialize", {"processId": os.getpid(), "rootUri": lsp.file_uri(root),
                                         "workspaceFolders": [{"uri": lsp.file_uri(root), "name": "w"}],
                                         "capabilities": {"textDocument": {"hover": {"contentFormat": ["markdown"]}}}},
                          timeout=120)
    assert "error" not in msg, msg
    proc.notify("initialized", {})
    proc.notify("textDocument/didOpen", {"textDocument": {"uri": main_uri, "languageId": "go", "version": 1,
                                                          "text": text}})
    proc.wait_until(lambda: main_uri in diagnosed, 120, "diagnostics of main.go")


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100.0 * (len(s) - 1))))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hotlsp", default=os.path.join(ROOT, "hotlsp"))
    ap.add_argument("--workspace", default=os.path.join(ROOT, "test-workspaces", "hello"))
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=300)
    ap.add_argument("--chunk", type=int, default=100)
    ap.add_argument("--ready-reps", type=int, default=7)
    args = ap.parse_args()
    root = os.path.abspath(args.workspace)
    env = dict(os.environ, GOTOOLCHAIN="local")
    env["PATH"] = os.path.join(ROOT, ".tools", "bin") + os.pathsep + env.get("PATH", "")
    main_go = os.path.join(root, "main.go")
    text = open(main_go, encoding="utf-8").read()
    uri = lsp.file_uri(main_go)
    line = text.splitlines().index(next(l for l in text.splitlines() if "fmt.Println(Greeting" in l))
    col = text.splitlines()[line].index("Greeting")
    hover = {"textDocument": {"uri": uri}, "position": {"line": line, "character": col + 2}}
    logdir = tempfile.mkdtemp(prefix="ws-bench-")
    log = open(os.path.join(logdir, "servers.log"), "ab")

    ready = []
    for _ in range(args.ready_reps):
        proc, _, _, ms = start_web(args.hotlsp, root, env, log)
        ready.append(ms)
        lsp.kill_group(proc.pid)
        proc.wait(timeout=10)

    procs = {"stdio": lsp.LspProcess([args.hotlsp, "serve"], cwd=root, env=env,
                                     stderr_path=os.path.join(logdir, "stdio.log")),
             "websocket": WsProcess(args.hotlsp, root, env, log)}
    try:
        for p in procs.values():
            prepare(p, root, uri, text)
        for _ in range(args.warmup):
            for p in procs.values():
                p.request("textDocument/hover", hover)
        ns = {name: [] for name in procs}
        for _ in range(0, args.requests, args.chunk):
            for name, p in procs.items():
                for _ in range(args.chunk):
                    msg, t = p.request("textDocument/hover", hover)
                    assert msg.get("result"), msg
                    ns[name].append(t)
    finally:
        for p in procs.values():
            p.shutdown()
    ms = {k: [v / 1e6 for v in vals] for k, vals in ns.items()}
    print("### `hotlsp web` (WebSocket, text messages) vs `hotlsp serve` (stdio): hover, ms, %d requests each, "
          "interleaved in chunks of %d after %d warm-up" % (args.requests, args.chunk, args.warmup))
    print()
    print("| transport | p50 | p90 | p99 | mean |")
    print("|---|---:|---:|---:|---:|")
    for name in procs:
        v = ms[name]
        print("| %s | %.3f | %.3f | %.3f | %.3f |" % (name, pct(v, 50), pct(v, 90), pct(v, 99), statistics.mean(v)))
    print()
    print("added by the WebSocket: p50 %+.3f ms, p99 %+.3f ms (goal <= 0.3 / <= 1)" % (
        pct(ms["websocket"], 50) - pct(ms["stdio"], 50), pct(ms["websocket"], 99) - pct(ms["stdio"], 99)))
    print()
    print("`hotlsp web` ready (spawn to URL printed and port accepting), ms over %d starts: median %.0f, min %.0f, "
          "max %.0f (goal <= 1000)" % (len(ready), statistics.median(ready), min(ready), max(ready)))
    print("\nlogs: %s" % logdir)


if __name__ == "__main__":
    main()
