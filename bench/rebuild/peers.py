#!/usr/bin/env python3
"""Save -> new binary for HotLSP's peers on a workspace copy (run by bench/rebuild/run.sh).

  peers.py air  --air PATH --workspace DIR --edit F --regex R --template T --noop F --edits N --out J
  peers.py loop            --workspace DIR --edit F --regex R --template T --noop F --edits N --out J

air: default config except `delay = N` (--delay, default 0) and args_bin so the server binds a
free port. Note: air v1.67.4 merges the file over its defaults with mergo, which skips zero values,
so `delay = 0` silently stays at the default 1000 ms; `delay = 1` is the fastest setting. The binary
is ready when ./tmp/main changes on disk (stat polled every 1 ms), and also reported is when air
prints "running...". loop: `go build -o ./tmp/main .` run right after each save (no watcher): the
floor of any tool that rebuilds the whole program per change. Edits that affect no target are made
to --noop; air's builds are counted from its "building..." lines, the loop builds every change.
"""
import argparse
import json
import os
import re
import subprocess
import threading
import time

SETTLE = 1.5  # seconds to wait after a build so late duplicate builds are counted


def edit(path, regex, template, i):
    with open(path) as f:
        text = f.read()
    new = re.sub(regex, template.replace("{i}", str(i)), text, count=1)
    if new == text:
        raise SystemExit(f"regex {regex!r} matched nothing in {path}")
    with open(path, "w") as f:
        f.write(new)


def noop_edit(path, i):
    with open(path, "a") as f:
        f.write(f"\n// bench edit {i}\n")


class Lines:
    """Collects a process's output lines with their arrival time."""

    def __init__(self, stream):
        self.items = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream):
        for raw in stream:
            line = raw.decode(errors="replace").rstrip()
            with self.cond:
                self.items.append((time.monotonic(), line))
                self.cond.notify_all()

    def count(self, needle):
        with self.cond:
            return sum(1 for _, l in self.items if needle in l)

    def wait_count(self, needle, n, timeout=300):
        deadline = time.monotonic() + timeout
        with self.cond:
            while sum(1 for _, l in self.items if needle in l) < n:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise SystemExit(f"timeout waiting for {needle!r} #{n}:\n" + "\n".join(l for _, l in self.items[-30:]))
                self.cond.wait(left)
            return [t for t, l in self.items if needle in l][n - 1]


class BinaryWatch:
    """Polls a file's (mtime, inode, size) every millisecond and records when it changes."""

    def __init__(self, path):
        self.path, self.changes, self.stop = path, [], False
        threading.Thread(target=self._poll, daemon=True).start()

    def _stamp(self):
        try:
            s = os.stat(self.path)
            return (s.st_mtime_ns, s.st_ino, s.st_size)
        except FileNotFoundError:
            return None

    def _poll(self):
        last = self._stamp()
        while not self.stop:
            now = self._stamp()
            if now != last and now is not None:
                self.changes.append(time.monotonic())
                last = now
            time.sleep(0.001)

    def first_after(self, t0, timeout=300):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            later = [t for t in self.changes if t > t0]
            if later:
                return later[0]
            time.sleep(0.005)
        raise SystemExit("binary never changed")


def run_air(a, env):
    with open(os.path.join(a.workspace, ".air.toml"), "w") as f:
        f.write(f'[build]\n  delay = {a.delay}\n  args_bin = ["-addr", "127.0.0.1:0"]\n')
    proc = subprocess.Popen([a.air, "-c", ".air.toml"], cwd=a.workspace, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    out = Lines(proc.stdout)
    try:
        out.wait_count("running...", 1)
        time.sleep(SETTLE)
        binary = BinaryWatch(os.path.join(a.workspace, "tmp", "main"))
        rows = []
        for i in range(1, a.edits + 1):
            runs = out.count("running...")
            t0 = time.monotonic()
            edit(os.path.join(a.workspace, a.edit), a.regex, a.template, i)
            ready = binary.first_after(t0)
            running = out.wait_count("running...", runs + 1)
            rows.append({"saveToBinaryMs": round((ready - t0) * 1000, 1),
                         "saveToRunningMs": round((running - t0) * 1000, 1)})
            time.sleep(SETTLE)
        builds_for_edits = out.count("building...") - 1
        before = out.count("building...")
        for i in range(1, a.edits + 1):
            noop_edit(os.path.join(a.workspace, a.noop), i)
            time.sleep(SETTLE)
        binary.stop = True
        return {"tool": f"air delay={a.delay}", "edits": rows, "buildsForEdits": builds_for_edits,
                "noTargetEdits": a.edits, "buildsForNoTargetEdits": out.count("building...") - before}
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(10)


def run_loop(a, env):
    def build():
        subprocess.run(["go", "build", "-o", "./tmp/main", "."], cwd=a.workspace, env=env, check=True)

    build()
    rows = []
    for i in range(1, a.edits + 1):
        t0 = time.monotonic()
        edit(os.path.join(a.workspace, a.edit), a.regex, a.template, i)
        build()
        rows.append({"saveToBinaryMs": round((time.monotonic() - t0) * 1000, 1)})
    for i in range(1, a.edits + 1):
        noop_edit(os.path.join(a.workspace, a.noop), i)
        build()
    return {"tool": "go build loop", "edits": rows, "noTargetEdits": a.edits, "buildsForNoTargetEdits": a.edits}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tool", choices=["air", "loop"])
    ap.add_argument("--air")
    for name in ["workspace", "edit", "regex", "template", "noop", "out"]:
        ap.add_argument("--" + name, required=True)
    ap.add_argument("--edits", type=int, default=10)
    ap.add_argument("--delay", type=int, default=0)
    a = ap.parse_args()
    env = dict(os.environ, GOTOOLCHAIN="local")
    result = run_air(a, env) if a.tool == "air" else run_loop(a, env)
    with open(a.out, "w") as f:
        json.dump(result, f, indent=2)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
