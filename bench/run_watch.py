#!/usr/bin/env python3
"""Hot restart: save -> new version answering HTTP, `hotlsp run --watch` vs air, in one run.

  python3 bench/run_watch.py [--edits 10] [--hotlsp REPO/hotlsp] [--air PATH]
      [--tools hotlsp,hotlsp-serve,air-delay1,air-default,bare]

hotlsp-serve is the editor mode: `hotlsp serve --debug --log FILE` in the copy, driven by a minimal
LSP client in this script (initialize with the workspace folder, initialized, then
workspace/executeCommand hotlsp.run with args ["-addr", "127.0.0.1:PORT"], as the VS Code lens
sends it; server requests answered, notifications read and dropped so the pipe never blocks); its
builds run at serve's priority (nice 10), its phases come from its debug log like hotlsp's.

Each tool gets a fresh copy of test-workspaces/httpserver and its own loopback port, and all run
at once: `hotlsp run --watch --isolation local . -- -addr 127.0.0.1:PORT`, and air v1.67.4 running
./tmp/main with the same argument, once with `delay = 1` (air's fastest: air merges its config
over the defaults skipping zero values, so `delay = 0` keeps 1000 ms) and once with its default
(1000 ms); optionally (--tools ...,air-delay1-niced) air with delay = 1 building at HotLSP's build
priority (nice 10 in a session and CFS autogroup of its own); and `bare`, the floor: no watcher,
this script itself runs `go build -o ./tmp/main .` right after the write, then SIGTERM to the old
server, waits for it to end and starts the new one (the stop/build/start loop a user could script,
minus any file watching; the build runs while the old server still answers, as the others do).
HotLSP runs with `--debug --log FILE`, and its phase lines split each of its edits: write → batch
(watch + debounce), → go build started (decision), go build, digest, → old run gone (stop), → new
run started (sandbox start), → first new answer (the program's start and the poll). Edits are interleaved: for edit i, each tool in turn (order rotated per edit) gets the
/health handler's text changed to "ok i", and GET /health is polled (a new connection every 2 ms)
until it answers "ok i\\n". Recorded per edit: write -> first new answer, the polls that failed in
between (a gap: the port did not answer) and its length, whether the old server process is gone.
At the end each tool gets SIGINT (Ctrl-C) to its process group; its exit code and any process it
left behind are recorded, then everything left is SIGKILLed. HotLSP's build outputs go to a cache
directory of the run (XDG_CACHE_HOME in the temp dir, deleted at the end; GOCACHE stays the user's). Markdown to stdout, raw JSON to
bench/results/run-watch-<time>.json, the tools' output to bench/results/run-watch-<time>/.
"""
import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
AIR_VERSION = "v1.67.4"
HANDLERS = "internal/handlers/handlers.go"
POLL = 0.002
# air-delay1-niced: air's build at HotLSP's build priority (a session of its own whose CFS autogroup
# and the go command get nice 10, as GoToolchain.niced does), to separate priority from the loop.
NICED = ("  cmd = \"setsid -w sh -c 'echo 10 > /proc/self/autogroup 2>/dev/null;"
         " exec nice -n 10 go build -o ./tmp/main .'\"\n")


def log(msg):
    print(f"[run-watch] {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get_health(port, timeout=2.0):
    """One GET /health on a new connection: the body, or None when the port did not answer."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(b"GET /health HTTP/1.0\r\nHost: bench\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
    except OSError:
        return None
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep or not head.startswith(b"HTTP/1.") or b" 200 " not in head.split(b"\r\n")[0] + b" ":
        return None
    return body.decode(errors="replace")


def proc_stat(pid):
    """(state, ppid, start time) of pid, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            rest = f.read().rsplit(")", 1)[1].split()
        return rest[0], int(rest[1]), int(rest[19])
    except (OSError, IndexError):
        return None


def identity(pid):
    """pid with its start time: pids are reused within seconds on a busy machine."""
    st = proc_stat(pid) if pid else None
    return (pid, st[2]) if st else None


def alive(ident):
    """Whether the process (pid, start time) or pid still exists and is not a zombie."""
    pid, start = ident if isinstance(ident, tuple) else (ident, None)
    st = proc_stat(pid)
    return st is not None and st[0] != "Z" and (start is None or st[2] == start)


def descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            st = proc_stat(int(name))
            if st:
                children.setdefault(st[1], []).append(int(name))
    out, todo = [], [root]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def listener_pid(port, root):
    """The pid among root's descendants holding the LISTEN socket of 127.0.0.1:port."""
    inodes = set()
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            p = line.split()
            if p[1] == f"0100007F:{port:04X}" and p[3] == "0A":
                inodes.add(f"socket:[{p[9]}]")
    for pid in descendants(root):
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                if os.readlink(f"/proc/{pid}/fd/{fd}") in inodes:
                    return pid
        except OSError:
            continue
    return None


def edit(path, i):
    with open(path) as f:
        text = f.read()
    new = re.sub(r'"ok[^"]*\\n"', f'"ok {i}\\\\n"', text, count=1)
    if new == text:
        raise SystemExit(f"no /health text in {path}")
    with open(path, "w") as f:
        f.write(new)


PHASE = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) hotlsp DEBUG \w+: phase (batch|decided|go build started|built"
                   r"|stopped|started|ended):(.*)$")


def day_seconds(t):
    """Seconds since local midnight of epoch time t (the clock of HotLSP's log lines)."""
    lt = time.localtime(t)
    return lt.tm_hour * 3600 + lt.tm_min * 60 + lt.tm_sec + (t % 1)


def phases(log_path, offset, t_write, new_answer_ms):
    """HotLSP's phases of one edit, from its debug log lines after byte offset: ms each."""
    with open(log_path, "rb") as f:
        f.seek(offset)
        lines = f.read().decode(errors="replace").splitlines()
    at, ms = {}, {}
    w = day_seconds(t_write)
    for line in lines:
        m = PHASE.match(line)
        if not m:
            continue
        h, mi, sec, milli, name, rest = m.groups()
        when = ((int(h) * 3600 + int(mi) * 60 + int(sec) + int(milli) / 1000 - w + 43200) % 86400 - 43200) * 1000
        at.setdefault(name, when)  # the first of each: the edit's own
        if name == "built" and "built" not in ms:
            g = re.search(r"go build (\d+) ms, digest (\d+) ms", rest)
            if g:
                ms["built"], ms["digest"] = int(g.group(1)), int(g.group(2))
    if not {"batch", "go build started", "started"} <= at.keys():
        return None
    out = {"watch+debounce": at["batch"], "decide": at["go build started"] - at["batch"],
           "go build": ms.get("built"), "digest": ms.get("digest")}
    built_at = at.get("built", at["go build started"])
    if "stopped" in at:
        # from the digest's end to the old run gone: handing the result on, SIGTERM, the exit, its end read
        out["stop"] = at["stopped"] - built_at
        out["start"] = at["started"] - at["stopped"]
    else:
        out["stop"], out["start"] = None, at["started"] - built_at
    out["to answer"] = new_answer_ms - at["started"]
    return {k: (round(v, 1) if v is not None else None) for k, v in out.items()}


class Tool:
    """One watcher-runner on its own workspace copy and port, in its own session."""

    debug_log = None

    def __init__(self, name, cmd, workspace, port, logdir, env):
        self.name, self.workspace, self.port = name, workspace, port
        self.log_path = os.path.join(logdir, f"{name}.log")
        self.logf = open(self.log_path, "wb")
        self.proc = subprocess.Popen(cmd, cwd=workspace, env=env, stdin=subprocess.DEVNULL, stdout=self.logf,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        self.t_start = time.monotonic()
        self.seen = set()

    def wait_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited {self.proc.returncode}; see {self.log_path}")
            if get_health(self.port) is not None:
                return round((time.monotonic() - self.t_start) * 1000)
            time.sleep(0.05)
        raise SystemExit(f"{self.name} never answered; see {self.log_path}")

    def track(self):
        self.seen.update(i for i in map(identity, descendants(self.proc.pid)) if i)

    def measure(self, i, timeout):
        expected = f"ok {i}\n"
        old_pid = self.listener()
        old = identity(old_pid)
        self.track()
        log_offset = os.path.getsize(self.debug_log) if self.debug_log and os.path.exists(self.debug_log) else 0
        t0 = time.monotonic()
        t_write = time.time()
        edit(os.path.join(self.workspace, HANDLERS), i)
        self.after_edit()
        last_old, fails, first_fail, new_at = t0, 0, None, None
        while True:
            body = get_health(self.port, timeout=2.0)
            now = time.monotonic()
            if body == expected:
                new_at = now
                break
            if body is None:
                fails += 1
                first_fail = first_fail or now
            else:
                last_old = now
            if now - t0 > timeout:
                break
            time.sleep(POLL)
        row = {"edit": i, "oldPid": old_pid, "failedPolls": fails}
        if new_at is None:
            row.update(newAnswerMs=None, note=f"no new answer within {timeout}s")
            return row
        old_alive = old is not None and alive(old)
        new_pid = self.listener()
        self.track()
        row.update(newAnswerMs=round((new_at - t0) * 1000, 1), newPid=new_pid,
                   oldGoneAtNewAnswer=not old_alive, samePid=new_pid == old_pid,
                   gapMs=round((new_at - last_old) * 1000, 1) if fails else 0.0,
                   lastOldAnswerMs=round((last_old - t0) * 1000, 1),
                   firstFailedPollMs=round((first_fail - t0) * 1000, 1) if first_fail else None)
        self.settle()
        if self.debug_log:
            row["phases"] = phases(self.debug_log, log_offset, t_write, row["newAnswerMs"])
        return row

    def after_edit(self):
        """Called right after the write (the bare loop starts its build here)."""

    def settle(self):
        """Called after the new answer (the bare loop's thread ends here)."""

    def listener(self):
        return listener_pid(self.port, self.proc.pid)

    def stop(self, timeout=20):
        """Ctrl-C to the process group; what exit code and what processes it left."""
        self.track()
        server = identity(listener_pid(self.port, self.proc.pid))
        t0 = time.monotonic()
        try:
            os.killpg(self.proc.pid, signal.SIGINT)
        except ProcessLookupError:
            pass
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            code = None
        took = round((time.monotonic() - t0) * 1000)
        if code is None and self.name.startswith("hotlsp"):  # still running after Ctrl-C: keep its threads for the report
            dump = os.path.join(os.path.dirname(self.log_path), "hotlsp-threads.txt")
            with open(dump, "wb") as f:
                jcmd = os.path.join(os.path.dirname(os.readlink(f"/proc/{self.proc.pid}/exe")), "jcmd")
                subprocess.run([jcmd, str(self.proc.pid), "Thread.print"], stdout=f, stderr=subprocess.STDOUT,
                               timeout=30, check=False)
        time.sleep(0.5)
        left_cmds = {}
        for ident in sorted(self.seen | ({server} if server else set())):
            try:
                if alive(ident):
                    with open(f"/proc/{ident[0]}/cmdline", "rb") as f:
                        left_cmds[ident[0]] = f.read().replace(b"\0", b" ").decode(errors="replace")[:160]
            except OSError:
                pass
        still_listening = get_health(self.port, timeout=0.5) is not None
        self.kill()
        return {"exitCode": code, "stopMs": took, "serverPid": server and server[0], "leftBehind": left_cmds,
                "portStillAnswering": still_listening}

    def kill(self):
        for ident in sorted(self.seen):  # only processes seen under this tool, by pid and start time
            try:
                if alive(ident):
                    os.kill(ident[0], signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            pass
        self.logf.close()


class BareLoop(Tool):
    """The floor: this script builds, stops the old server and starts the new one on each write."""

    def __init__(self, workspace, port, logdir, env):
        self.env, self.args = env, ["./tmp/main", "-addr", f"127.0.0.1:{port}"]
        os.makedirs(os.path.join(workspace, "tmp"), exist_ok=True)
        self.build_once(workspace, env)
        super().__init__("bare", self.args, workspace, port, logdir, env)
        self.thread, self.server = None, self.proc
        self.builds = []

    @staticmethod
    def build_once(workspace, env):
        return subprocess.run(["go", "build", "-o", "./tmp/main", "."], cwd=workspace, env=env,
                              capture_output=True).returncode

    def after_edit(self):
        def loop():
            t = time.monotonic()
            code = self.build_once(self.workspace, self.env)
            built = time.monotonic()
            if code == 0:
                self.server.send_signal(signal.SIGTERM)
                self.server.wait()
                gone = time.monotonic()
                self.server = subprocess.Popen(self.args, cwd=self.workspace, env=self.env, stdin=subprocess.DEVNULL,
                                               stdout=self.logf, stderr=subprocess.STDOUT, start_new_session=True)
                self.builds.append({"go build": round((built - t) * 1000, 1),
                                    "stop": round((gone - built) * 1000, 1)})
        self.thread = threading.Thread(target=loop, daemon=True)
        self.thread.start()

    def settle(self):
        if self.thread:
            self.thread.join(60)

    def track(self):
        self.seen.update(i for i in [identity(self.server.pid)] if i)

    def listener(self):
        return self.server.pid if self.server.poll() is None else None

    def measure(self, i, timeout):
        row = super().measure(i, timeout)
        if self.builds:
            row["phases"] = self.builds[-1]
        return row

    def stop(self, timeout=20):
        self.track()
        self.server.send_signal(signal.SIGINT)
        try:
            code = self.server.wait(timeout)
        except subprocess.TimeoutExpired:
            code = None
        self.kill()
        return {"exitCode": code, "stopMs": 0, "serverPid": self.server.pid, "leftBehind": {},
                "portStillAnswering": False}


class HotlspServe(Tool):
    """The editor mode: `hotlsp serve` driven by a minimal LSP client (initialize with the workspace
    folder, initialized, `hotlsp.run` with the program's arguments, as the VS Code lens sends it),
    every server request answered and every notification read and dropped so the pipe never blocks."""

    def __init__(self, hotlsp, workspace, port, logdir, env, debug_log):
        sys.path.insert(0, os.path.join(ROOT, "bench"))
        import lsp
        self.name, self.workspace, self.port = "hotlsp-serve", workspace, port
        self.log_path = os.path.join(logdir, "hotlsp-serve.log")
        self.logf = open(self.log_path, "wb")
        self.client = lsp.LspProcess([hotlsp, "serve", "--debug", "--log", debug_log], cwd=workspace, env=env,
                                     stderr_path=self.log_path)
        self.proc = self.client.proc
        self.t_start = time.monotonic()
        self.seen = set()
        self.debug_log = debug_log
        uri = lsp.file_uri(workspace)
        self.client.request("initialize", {"processId": os.getpid(), "rootUri": uri, "capabilities": {},
                                           "workspaceFolders": [{"uri": uri, "name": "ws"}]}, timeout=60)
        self.client.notify("initialized", {})
        self.lsp = lsp

    def wait_ready(self, timeout):
        answer = self.client.request("workspace/executeCommand", {"command": "hotlsp.run", "arguments": [
            {"args": ["-addr", f"127.0.0.1:{self.port}"]}]}, timeout=timeout)[0]
        if "error" in answer:
            raise SystemExit(f"hotlsp.run failed: {answer['error']}; see {self.log_path}")
        threading.Thread(target=self.drain, daemon=True).start()
        return super().wait_ready(timeout)

    def drain(self):
        """Reads (and answers or drops) everything the server sends, until it closes its output."""
        while True:
            try:
                self.client.pump(1.0)
            except (self.lsp.LspClosed, OSError, ValueError):
                return


def air_binary(path):
    if path:
        return path
    air = os.path.join(ROOT, ".tools", "bin", "air")
    try:
        ok = AIR_VERSION[1:] in subprocess.run([air, "-v"], capture_output=True, text=True).stdout
    except OSError:
        ok = False
    if not ok:
        log(f"installing air {AIR_VERSION} into {os.path.dirname(air)}")
        subprocess.run(["go", "install", f"github.com/air-verse/air@{AIR_VERSION}"], check=True,
                       env=dict(os.environ, GOBIN=os.path.dirname(air), GOTOOLCHAIN="local"))
    return air


def pct(values, q):
    s = sorted(values)
    if not s:
        return None
    k = (len(s) - 1) * q
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def uptime():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def report(out, path):
    """The Markdown tables of a run's raw data (also for --report FILE, to render a saved run again)."""
    meta, rows, stops = out["meta"], out["edits"], out["stop"]
    names_done = list(rows)
    edits = meta["edits"]

    def summary(name):
        rs = rows[name]
        ok = [r["newAnswerMs"] for r in rs if r["newAnswerMs"] is not None]
        gaps = [r["gapMs"] for r in rs if r.get("failedPolls") and r.get("gapMs") is not None]
        return {"n": len(ok), "p50": pct(ok, 0.5), "p90": pct(ok, 0.9), "min": min(ok, default=None),
                "max": max(ok, default=None), "gaps": gaps,
                "oldGone": sum(1 for r in rs if r.get("oldGoneAtNewAnswer")), "missing": len(rs) - len(ok)}

    sums = {name: summary(name) for name in names_done}
    base = sums.get("air-delay1")
    bare = sums.get("bare")
    fmt = lambda v: "–" if v is None else f"{v:.0f}"
    print(f"### Hot restart: save → new version answering (ms; {edits} edits per tool, interleaved; "
          f"load average {meta['loadBefore']} → {meta['loadAfter']}, {meta['nproc']} CPUs)\n")
    print("| tool | answered | median | p90 | min | max | median / air delay=1 | median / bare loop "
          "| edits with a gap (failed polls) | gap median | old process gone at new answer | exit on Ctrl-C | left behind |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for name in names_done:
        s, st = sums[name], stops[name]
        ratio = f"{s['p50'] / base['p50']:.2f}" if base and base["p50"] and s["p50"] else "–"
        ratio_bare = f"{s['p50'] / bare['p50']:.2f}" if bare and bare["p50"] and s["p50"] else "–"
        print(f"| {name} | {s['n']}/{edits} | {fmt(s['p50'])} | {fmt(s['p90'])} | {fmt(s['min'])} | {fmt(s['max'])}"
              f" | {ratio} | {ratio_bare} | {len(s['gaps'])}/{s['n']} | {fmt(pct(s['gaps'], 0.5))} | {s['oldGone']}/{s['n']}"
              f" | {st['exitCode']} ({st['stopMs']} ms) | {len(st['leftBehind']) or 'none'} |")
    for name in names_done:
        split = [r["phases"] for r in rows[name] if r.get("phases")]
        if not split:
            continue
        names = list(dict.fromkeys(k for p in split for k in p))
        print(f"\n{name}: per-phase split, median ms over {len(split)} edits"
              + (" (from its --debug log)" if name.startswith("hotlsp") else " (timed by this script)") + "\n")
        print("| " + " | ".join(names) + " |")
        print("|" + "---:|" * len(names))
        print("| " + " | ".join(fmt(pct([p[k] for p in split if p.get(k) is not None], 0.5)) for k in names) + " |")
    print(f"\nRaw data (not committed): {os.path.relpath(path, ROOT)}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--hotlsp", default=os.path.join(ROOT, "hotlsp"))
    ap.add_argument("--air", help=f"air {AIR_VERSION} binary (default: .tools/bin/air, installed if missing)")
    ap.add_argument("--tools", default="hotlsp,hotlsp-serve,air-delay1,air-default,bare")
    ap.add_argument("--timeout", type=float, default=180, help="seconds per edit, and for the first answer")
    ap.add_argument("--settle", type=float, default=1.5, help="seconds after a new answer before the next edit")
    ap.add_argument("--report", metavar="JSON", help="only render the tables of a saved run (bench/results/run-watch-*.json)")
    a = ap.parse_args()
    if a.report:
        with open(a.report) as f:
            report(json.load(f), a.report)
        return
    # A shell starts a background job with SIGINT ignored, the tools would inherit that and a JVM
    # keeps an ignored SIGINT ignored: give them the default, as in a terminal's foreground job.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    tools = a.tools.split(",")
    env = dict(os.environ, GOTOOLCHAIN="local")
    air = air_binary(a.air) if any(t.startswith("air") for t in tools) else None
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    results_dir = os.path.join(ROOT, "bench", "results")
    logdir = os.path.join(results_dir, f"run-watch-{stamp}")
    os.makedirs(logdir, exist_ok=True)
    work = tempfile.mkdtemp(prefix="hotlsp-run-watch.")
    meta = {"edits": a.edits, "hotlsp": a.hotlsp, "air": air, "nproc": os.cpu_count(),
            "go": subprocess.run(["go", "version"], capture_output=True, text=True, env=env).stdout.strip(),
            "loadBefore": uptime(), "order": "interleaved: all tools run at once, each edit goes to every tool in turn,"
                                             " order rotated per edit"}
    gocache = subprocess.run(["go", "env", "GOCACHE"], capture_output=True, text=True, env=env, check=True).stdout.strip()
    running = []
    try:
        for name in tools:
            ws = os.path.join(work, name)
            shutil.copytree(os.path.join(ROOT, "test-workspaces", "httpserver"), ws)
            port = free_port()
            tool_env = env
            if name == "bare":
                log(f"starting bare on port {port}: go build -o ./tmp/main . && ./tmp/main, by this script on each write")
                running.append(BareLoop(ws, port, logdir, dict(env, GOCACHE=gocache)))
                continue
            if name == "hotlsp-serve":
                serve_log = os.path.join(logdir, "hotlsp-serve-debug.log")
                log(f"starting hotlsp-serve on port {port}: {a.hotlsp} serve --debug --log {serve_log}, then hotlsp.run"
                    f" with -addr 127.0.0.1:{port}")
                running.append(HotlspServe(a.hotlsp, ws, port, logdir, dict(env, XDG_CACHE_HOME=os.path.join(work, "cache-serve"),
                                                                            GOCACHE=gocache), serve_log))
                continue
            if name == "hotlsp":
                # its build outputs go to a cache dir of this run (deleted at the end), go's build cache stays the user's
                tool_env = dict(env, XDG_CACHE_HOME=os.path.join(work, "cache"), GOCACHE=gocache)
                debug_log = os.path.join(logdir, "hotlsp-debug.log")
                cmd = [a.hotlsp, "run", "--watch", "--debug", "--log", debug_log, "--isolation", "local", ".", "--",
                       "-addr", f"127.0.0.1:{port}"]
            else:
                extra = {"air-delay1": "  delay = 1\n", "air-default": "", "air-delay1-niced": "  delay = 1\n" + NICED}[name]
                with open(os.path.join(ws, ".air.toml"), "w") as f:
                    f.write(f'[build]\n{extra}  args_bin = ["-addr", "127.0.0.1:{port}"]\n')
                cmd = [air, "-c", ".air.toml"]
            log(f"starting {name} on port {port}: {' '.join(cmd)}")
            running.append(Tool(name, cmd, ws, port, logdir, tool_env))
            if name == "hotlsp":
                running[-1].debug_log = debug_log
        ready = {t.name: t.wait_ready(a.timeout) for t in running}
        log(f"first answers (ms from start; all start at once, checked one after another): {ready}")
        time.sleep(a.settle)
        rows = {t.name: [] for t in running}
        for i in range(1, a.edits + 1):
            order = running[(i - 1) % len(running):] + running[:(i - 1) % len(running)]
            for t in order:
                row = t.measure(i, a.timeout)
                row["load1"] = uptime().split()[0]
                rows[t.name].append(row)
                log(f"edit {i} {t.name}: {row}")
                time.sleep(a.settle)
        stops = {}
        for t in running:
            stops[t.name] = t.stop()
            log(f"stopped {t.name}: {stops[t.name]}")
        running_done = list(running)
        running = []
    finally:
        for t in running:
            t.kill()
        shutil.rmtree(work, ignore_errors=True)
    meta["loadAfter"] = uptime()
    out = {"meta": meta, "firstAnswerMs": ready, "edits": rows, "stop": stops}
    path = os.path.join(results_dir, f"run-watch-{stamp}.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=2)

    report(out, path)
    print(f"tool output: {os.path.relpath(logdir, ROOT)}/")


if __name__ == "__main__":
    main()
