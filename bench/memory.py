#!/usr/bin/env python3
"""Memory of `hotlsp serve` under stalled peers, a file burst and large messages.

Each scenario starts the proxy fresh and reports the java process's VmHWM (peak RSS, from
/proc/PID/status) and what happened to the session. Scenarios:

  editor-stalled   the editor sends 1 MiB `echo` requests to an echo server and never reads its
                   stdout: answers pile up for the editor.
  gopls-stalled    a server that answers initialize and then never reads its stdin; the editor
                   sends 1 MiB full-text didChange notifications.
  burst            real gopls on a temp copy of test-workspaces/hello; 20,000 .go files (200
                   packages x 100) are written into the workspace behind the editor's back.
  large-messages   ten pipelined notifications of 255 MiB each to the echo server, then one echo
                   request whose answer ends the scenario.

Usage: python3 bench/memory.py [--hotlsp PATH] [--scenarios a,b] [--extra "ARGS"]
The editor side writes with a deadline, so a proxy that stops reading (back-pressure) does
not hang the benchmark. Markdown table on stdout, progress on stderr.
"""
import argparse
import json
import os
import select
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from lsp import LspProcess, file_uri, frame, proc_status_kib  # noqa: E402

STALLED_SERVER = r'''
import os, sys, time, json
inp = os.fdopen(0, "rb", buffering=0)
hdr = b""
while not hdr.endswith(b"\r\n\r\n"):
    hdr += inp.read(1)
n = int([l for l in hdr.split(b"\r\n") if l.lower().startswith(b"content-length")][0].split(b":")[1])
msg = json.loads(inp.read(n))
body = json.dumps({"jsonrpc": "2.0", "id": msg["id"], "result": {"capabilities": {}}}).encode()
os.write(1, b"Content-Length: %d\r\n\r\n" % len(body) + body)
while True:
    time.sleep(3600)  # never reads again
'''


def log(*a):
    print(*a, file=sys.stderr, flush=True)


class Editor:
    """An editor on the proxy's stdio that writes with a deadline and reads only when told."""

    def __init__(self, argv, cwd, env, stderr_path):
        self.p = LspProcess(argv, cwd=cwd, env=env, stderr_path=stderr_path)
        os.set_blocking(self.p.out_fd, False)
        self.written = 0
        self.reading = False

    @property
    def pid(self):
        return self.p.pid

    def write(self, data, deadline):
        """Writes all of data unless the deadline passes first; returns True if all was written."""
        view = memoryview(data)
        while view:
            if time.monotonic() > deadline or self.p.proc.poll() is not None:
                return False
            _, w, _ = select.select([], [self.p.out_fd], [], 0.2)
            if not w:
                continue
            try:
                n = os.write(self.p.out_fd, view)
            except BlockingIOError:
                continue
            except (BrokenPipeError, ConnectionResetError):
                return False
            self.written += n
            view = view[n:]
        return True

    def request(self, rid, method, params, deadline):
        return self.write(frame({"jsonrpc": "2.0", "id": rid, "method": method, "params": params}), deadline)

    def notify(self, method, params, deadline):
        return self.write(frame({"jsonrpc": "2.0", "method": method, "params": params}), deadline)

    def read_until(self, rid, deadline):
        while time.monotonic() < deadline:
            try:
                body, _ = self.p.reader.read(max(0.01, deadline - time.monotonic()))
            except Exception:  # noqa: BLE001 (timeout or closed)
                return None
            msg = json.loads(body)
            if "method" in msg and "id" in msg:
                self.write(frame({"jsonrpc": "2.0", "id": msg["id"], "result": None}), deadline)
            elif msg.get("id") == rid:
                return msg
        return None

    def read_forever(self):
        """Reads and answers in a background thread (a well-behaved editor)."""
        def run():
            while self.p.proc.poll() is None:
                try:
                    body, _ = self.p.reader.read(1.0)
                except Exception:  # noqa: BLE001
                    continue
                msg = json.loads(body)
                if "method" in msg and "id" in msg:
                    self.write(frame({"jsonrpc": "2.0", "id": msg["id"], "result": None}),
                               time.monotonic() + 5)
        threading.Thread(target=run, daemon=True).start()

    def initialize(self, root, deadline):
        self.request(0, "initialize", {"processId": os.getpid(), "rootUri": file_uri(root),
                                       "workspaceFolders": [{"uri": file_uri(root), "name": "w"}],
                                       "capabilities": {}}, deadline)
        ok = self.read_until(0, deadline)
        self.notify("initialized", {}, deadline)
        return ok is not None


class Peak:
    """Samples VmHWM (and the process's liveness) until stopped."""

    def __init__(self, pid):
        self.pid = pid
        self.hwm = 0
        self._stop = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(0.1)

    def sample(self):
        v = proc_status_kib(self.pid, "VmHWM")
        if v:
            self.hwm = max(self.hwm, v)

    def stop(self):
        self.sample()
        self._stop.set()
        return self.hwm


def cpu_ticks(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except OSError:
        return None


def wait_quiet(pid, quiet_s, max_s):
    """Waits until the process used no CPU for quiet_s seconds (or max_s passed)."""
    end = time.monotonic() + max_s
    last, since = cpu_ticks(pid), time.monotonic()
    while time.monotonic() < end:
        time.sleep(0.5)
        now = cpu_ticks(pid)
        if now is None:
            return
        if now - last > 2:  # more than 20 ms of CPU in half a second
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            return


def outcome(editor, wait_s):
    try:
        code = editor.p.proc.wait(timeout=wait_s)
        return "exited %d" % code
    except subprocess.TimeoutExpired:
        return "still running"


def echo_cmd():
    return "%s %s" % (shlex.quote(sys.executable), shlex.quote(os.path.join(HERE, "echo_server.py")))


def start(args, gopls, cwd, name):
    argv = [args.hotlsp, "serve", "--gopls", gopls] + shlex.split(args.extra)
    env = dict(os.environ, GOTOOLCHAIN="local")
    return Editor(argv, cwd, env, os.path.join(args.results, name + ".stderr.log"))


def editor_stalled(args, tmp):
    ed = start(args, echo_cmd(), tmp, "editor-stalled")
    peak = Peak(ed.pid)
    ed.initialize(tmp, time.monotonic() + 60)
    payload = "e" * (1 << 20)
    deadline = time.monotonic() + args.seconds
    sent = 0
    for i in range(args.count):
        if not ed.request(100 + i, "echo", {"data": payload}, deadline):
            break
        sent += 1
    result = outcome(ed, args.settle)
    hwm = peak.stop()
    ed.p.kill()
    return hwm, "%d of %d requests written; proxy %s" % (sent, args.count, result)


def gopls_stalled(args, tmp):
    script = os.path.join(tmp, "stalled_server.py")  # --gopls is split on blanks: a file, not -c
    with open(script, "w") as f:
        f.write(STALLED_SERVER)
    server = "%s %s" % (sys.executable, script)
    ed = start(args, server, tmp, "gopls-stalled")
    peak = Peak(ed.pid)
    ed.initialize(tmp, time.monotonic() + 60)
    ed.read_forever()
    uri = file_uri(os.path.join(tmp, "a.go"))
    deadline = time.monotonic() + args.seconds
    ed.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "go", "version": 1,
                                                        "text": "package a\n"}}, deadline)
    text = "package a\n//" + "x" * (1 << 20)
    sent = 0
    for v in range(2, args.count + 2):
        if not ed.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": v},
                                                    "contentChanges": [{"text": text}]}, deadline):
            break
        sent += 1
    time.sleep(args.settle)
    hwm = peak.stop()
    alive = ed.p.proc.poll() is None
    ed.p.kill()
    return hwm, "%d of %d didChange written; proxy %s" % (sent, args.count, "alive" if alive else "exited")


def burst(args, tmp):
    ws = os.path.join(tmp, "ws")
    shutil.copytree(os.path.join(ROOT, "test-workspaces", "hello"), ws)
    gopls = os.path.join(ROOT, ".tools", "bin", "gopls")
    ed = start(args, gopls, ws, "burst")
    peak = Peak(ed.pid)
    ed.initialize(ws, time.monotonic() + 60)
    ed.read_forever()
    wait_quiet(ed.pid, 3, 60)
    before = proc_status_kib(ed.pid, "VmHWM")
    t0 = time.monotonic()
    for d in range(200):
        pkg = os.path.join(ws, "burst", "p%03d" % d)
        os.makedirs(pkg)
        for f in range(100):
            with open(os.path.join(pkg, "f%03d.go" % f), "w") as out:
                out.write("package p%03d\n\nfunc F%03d() int { return %d }\n" % (d, f, f))
    wrote = time.monotonic() - t0
    wait_quiet(ed.pid, 5, args.seconds)
    hwm = peak.stop()
    ed.p.shutdown()
    return hwm, "20,000 files written in %.1f s; VmHWM before the burst %d MiB" % (wrote, (before or 0) >> 10)


def large_messages(args, tmp):
    ed = start(args, echo_cmd(), tmp, "large-messages")
    peak = Peak(ed.pid)
    ed.initialize(tmp, time.monotonic() + 60)
    deadline = time.monotonic() + args.seconds
    blob = "m" * (255 << 20)
    sent = 0
    t0 = time.monotonic()
    for _ in range(10):
        if not ed.notify("$/bench/large", {"data": blob}, deadline):
            break
        sent += 1
    ed.request(9, "echo", {"last": True}, deadline)
    answered = ed.read_until(9, deadline) is not None
    took = time.monotonic() - t0
    hwm = peak.stop()
    ed.p.shutdown()
    return hwm, "%d of 10 written, answered: %s, %.1f s" % (sent, "yes" if answered else "no", took)


SCENARIOS = {"editor-stalled": editor_stalled, "gopls-stalled": gopls_stalled, "burst": burst,
             "large-messages": large_messages}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hotlsp", default=os.path.join(ROOT, "hotlsp"))
    ap.add_argument("--scenarios", default=",".join(SCENARIOS))
    ap.add_argument("--extra", default="", help="more `hotlsp serve` arguments")
    ap.add_argument("--count", type=int, default=1500, help="1 MiB messages the stalled scenarios send")
    ap.add_argument("--seconds", type=float, default=90, help="how long a scenario may write")
    ap.add_argument("--settle", type=float, default=45, help="seconds to wait for the proxy after writing")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    args = ap.parse_args()
    os.makedirs(args.results, exist_ok=True)
    rows = []
    for name in args.scenarios.split(","):
        log("== %s (%s)" % (name, args.hotlsp))
        with tempfile.TemporaryDirectory(prefix="hotlsp-mem-") as tmp:
            hwm, note = SCENARIOS[name](args, tmp)
        log("   VmHWM %d MiB; %s" % (hwm >> 10, note))
        rows.append((name, hwm >> 10, note))
    print("| scenario | java VmHWM (MiB) | what happened |")
    print("|---|---:|---|")
    for name, mib, note in rows:
        print("| %s | %d | %s |" % (name, mib, note))


if __name__ == "__main__":
    main()
