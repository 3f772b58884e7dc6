#!/usr/bin/env python3
"""Tests on save side by side with the peers (issue 18): which failing tests each one misses.

The same sequence of edits (EDITS below) is saved into a fresh copy of test-workspaces/testing per
tool:

  hotlsp        `hotlsp serve --test-on-save`, driven by a minimal LSP client (as
                bench/test_on_save.py): the affected tests, results from hotlsp/testResults
  gotestsum     `gotestsum --watch --format testname` (v1.13.0, .tools/bin; `./dev bench` installs
                it): re-runs the package whose directory holds the changed file, results parsed
                from its output
  current-pkg   what vscode-go's `go.testOnSave` does: `go test -json` of the saved file's
                package, started by the script right after the save

The tools run in turn, not at once: on 2 cores three go commands at once would time each other;
in turn each has the machine alone, and none sees the others' writes anyway (own copy each).
Every copy gets a file naming its tool in lib (so go's test cache holds no result of another
copy) and one `go test ./...` before its tool starts (a user who ran the tests once: a save
back to content already tested gets go's `(cached)` results, for every tool alike).

The truth after each edit is `go test -json ./...` on another copy with the same edits. Each tool's
view starts from the truth before the first edit (every failing test known); after each edit the
packages it ran replace their old results in its view. Misses = tests failing in the truth but not
in the view (a break it did not see); stale = failing in the view but passing in the truth (a fix
it did not see). Time from the write to the first result (a test's or a package's, as the tool
shows them: HotLSP tells per package) and to the last (HotLSP: the run's closing notification;
gotestsum: its DONE line; current-pkg: go's exit). Table to stdout, raw data to
bench/results/tests-vs-peers-<time>.json, HotLSP's and gotestsum's logs beside it.
"""
import argparse
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402
from test_on_save import Session as HoverSession  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
MODULE = "example.com/testing"

# (label, file, old, new): applied in order to every copy; each `old` occurs in the file then.
EDITS = [
    ("lib: seeded edit (breaks report's and lib's tests)", "lib/lib.go", "total += x\n", "total += x * 2\n"),
    ("lib: its fix", "lib/lib.go", "total += x * 2\n", "total += x\n"),
    ("report: new format (breaks its tests)", "report/report.go", '"total: %d"', '"total = %d"'),
    ("report_test.go: follows the format (fixes them)", "report/report_test.go", '"total: ', '"total = '),
]


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def fresh_copy(tmp, name, env):
    ws = os.path.join(tmp, name)
    shutil.copytree(os.path.join(REPO, "test-workspaces/testing"), ws)
    with open(os.path.join(ws, "lib/bench_copy.go"), "w") as f:
        f.write("package lib\n\n// benchCopy keeps go's test cache apart per copy.\nconst benchCopy = %s\n"
                % json.dumps(name))
    subprocess.run(["go", "test", "./..."], cwd=ws, env=env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return ws


def apply_edit(ws, edit):
    _, rel, old, new = edit
    path = os.path.join(ws, rel)
    with open(path) as f:
        text = f.read()
    if old not in text:
        raise RuntimeError("%s: %r not found" % (rel, old))
    with open(path, "w") as f:
        f.write(text.replace(old, new))
    return time.perf_counter_ns()


def go_json_failures(stdout):
    """(packages, failing) from go test -json: failing holds (package, test), (package, '(package)')
    for a package that failed with no failing test (a build failure)."""
    pkgs, fails, pkg_failed = set(), set(), set()
    for line in stdout.splitlines():
        try:
            ev = json.loads(line)
        except ValueError:
            continue
        pkg, test, action = ev.get("Package"), ev.get("Test"), ev.get("Action")
        if not pkg:
            continue
        if action in ("pass", "fail", "skip"):
            pkgs.add(pkg)
            if action == "fail":
                (fails.add((pkg, test)) if test else pkg_failed.add(pkg))
    for pkg in pkg_failed:
        if not any(p == pkg for p, _ in fails):
            fails.add((pkg, "(package)"))
    return pkgs, fails


def truth(ws, env):
    out = subprocess.run(["go", "test", "-json", "./..."], cwd=ws, env=env, capture_output=True, text=True)
    return go_json_failures(out.stdout)[1]


class Hotlsp(HoverSession):
    """hotlsp serve --test-on-save with report/report.go open; notes every hotlsp/testResults."""

    def __init__(self, argv, ws, env, log_path):
        self.notes = []  # (perf_counter_ns, params)
        super().__init__(argv, ws, env, log_path)

    def _note(self, msg):
        if msg.get("method") == "hotlsp/testResults":
            self.notes.append((time.perf_counter_ns(), msg.get("params") or {}))
        super()._note(msg)

    def outcome(self, t0, quiet, timeout):
        """Waits for a finished (not stopped) run after t0, then for quiet seconds without results."""
        seen = len(self.notes)
        deadline = time.monotonic() + timeout
        while not any(p.get("done") and not p.get("stopped") for _, p in self.notes[seen:]):
            if time.monotonic() > deadline:
                break
            self.proc.pump(0.1)
        last = time.monotonic()
        while time.monotonic() - last < quiet:
            n = len(self.notes)
            self.proc.pump(0.1)
            if len(self.notes) > n:
                last = time.monotonic()
        notes = self.notes[seen:]
        ran, per_pkg = set(), {}  # a later finished run's package replaces an earlier one's
        for _, p in notes:
            if p.get("done") and not p.get("stopped"):
                for pkg in p["packages"]:
                    path = pkg["importPath"]
                    ran.add(path)
                    per_pkg[path] = {(path, t["name"]) for t in pkg.get("tests", [])
                                     if t["status"] in ("fail", "timeout")}
                    if pkg["status"] == "build-failed":
                        per_pkg[path].add((path, "(package)"))
        fails = set().union(*per_pkg.values())
        firsts = [t for t, p in notes if not p.get("done")] or [t for t, _ in notes]
        lasts = [t for t, p in notes if p.get("done") and not p.get("stopped")]
        return {"ran": sorted(ran), "fails": fails,
                "first": (firsts[0] - t0) / 1e9 if firsts else None,
                "last": (lasts[-1] - t0) / 1e9 if lasts else None}

    def stop(self):
        self.close()


class Gotestsum:
    """gotestsum --watch in the copy; its stdout read line by line with arrival times."""

    TEST = re.compile(r"^(PASS|FAIL|SKIP) (\S+?)\.((?:Test|Example|Fuzz|Benchmark)\S*) \(")
    PKG = re.compile(r"^(PASS|FAIL|EMPTY|SKIP) (\S+)( \(cached\))?$")
    RUNNING = re.compile(r"^Running tests in (\S+)")

    def __init__(self, binary, ws, env, log_path):
        self.lines = queue.Queue()
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen([binary, "--format", "testname", "--watch"], cwd=ws, env=env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, start_new_session=True)
        threading.Thread(target=self._read, daemon=True).start()
        self._until(lambda l: l.startswith("Watching "), 60)

    def _read(self):
        for line in self.proc.stdout:
            self.lines.put((time.perf_counter_ns(), line.rstrip("\n")))
            self.log.write(line)
            self.log.flush()

    def _until(self, pred, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                _, line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            if pred(line):
                return True
        return False

    @staticmethod
    def pkg(rel):
        rel = rel[2:] if rel.startswith("./") else rel
        return MODULE if rel in (".", "") else MODULE + "/" + rel

    def outcome(self, t0, quiet, timeout):
        got, done = [], False
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            try:
                item = self.lines.get(timeout=0.1)
            except queue.Empty:
                if done and time.monotonic() - last >= quiet:
                    break
                continue
            got.append(item)
            last = time.monotonic()
            if item[1].startswith("DONE "):
                done = True
        ran, fails, firsts, lasts = set(), set(), [], []
        current = None
        for t, line in got:
            m = self.RUNNING.match(line)
            if m:
                current = self.pkg(m.group(1))
                ran.add(current)
                continue
            m = self.TEST.match(line)
            if m:
                firsts.append(t)
                if m.group(1) == "FAIL":
                    fails.add((self.pkg(m.group(2)), m.group(3)))
                continue
            if line.startswith("DONE "):
                lasts.append(t)
                continue
            m = self.PKG.match(line)
            if m:
                firsts.append(t)
                if m.group(1) == "FAIL" and not any(p == self.pkg(m.group(2)) for p, _ in fails):
                    fails.add((self.pkg(m.group(2)), "(package)"))
        return {"ran": sorted(ran), "fails": fails,
                "first": (min(firsts) - t0) / 1e9 if firsts else None,
                "last": (lasts[-1] - t0) / 1e9 if lasts else None}

    def stop(self):
        lsp.kill_group(self.proc.pid)
        self.proc.wait()
        self.log.close()


class CurrentPackage:
    """vscode-go's go.testOnSave: go test -json of the saved file's package, started at once."""

    def __init__(self, ws, env):
        self.ws, self.env, self.saved = ws, env, None

    def outcome(self, t0, quiet, timeout):
        rel = "./" + os.path.dirname(self.saved)
        proc = subprocess.Popen(["go", "test", "-json", rel], cwd=self.ws, env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        first, out = None, []
        for line in proc.stdout:
            out.append(line)
            if first is None and re.search(r'"Action":"(pass|fail|skip)"', line):
                first = time.perf_counter_ns()
        proc.wait()
        end = time.perf_counter_ns()
        ran, fails = go_json_failures("".join(out))
        return {"ran": sorted(ran), "fails": fails,
                "first": (first - t0) / 1e9 if first else None, "last": (end - t0) / 1e9}

    def stop(self):
        pass


def median(xs):
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return None
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


def fmt_s(x):
    return "–" if x is None else "%.2f" % x


def short(pkgs):
    return ", ".join(p[len(MODULE) + 1:] if p.startswith(MODULE + "/") else p for p in pkgs) or "none"


def names(fails):
    return ", ".join("%s.%s" % (p.rsplit("/", 1)[-1], t) for p, t in sorted(fails)) or "none"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hotlsp", default=os.path.join(REPO, "hotlsp"), help="the launcher")
    ap.add_argument("--gopls", default=os.path.join(REPO, ".tools/bin/gopls"))
    ap.add_argument("--gotestsum", default=os.path.join(REPO, ".tools/bin/gotestsum"))
    ap.add_argument("--tools", default="hotlsp,gotestsum,current-pkg", help="which, in this order")
    ap.add_argument("--quiet", type=float, default=2.0,
                    help="seconds without a new result that end an edit's observation")
    ap.add_argument("--timeout", type=int, default=120, help="per edit")
    ap.add_argument("--settle", type=float, default=1.0, help="seconds between edits after the quiet")
    args = ap.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="tests-vs-peers-")
    env = dict(os.environ, GOTOOLCHAIN="local")
    # go's build cache as the user has it (warm std); HotLSP's and gopls's own caches in tmp
    env["GOCACHE"] = subprocess.run(["go", "env", "GOCACHE"], env=env, capture_output=True,
                                    text=True, check=True).stdout.strip()
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "xdg-cache")
    results_dir = os.path.join(HERE, "results")
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    logs = os.path.join(results_dir, "tests-vs-peers-" + stamp)
    os.makedirs(logs, exist_ok=True)
    tools = args.tools.split(",")
    data = {"started": stamp, "nproc": os.cpu_count(), "edits": [e[0] for e in EDITS], "truth": [],
            "tools": {}}
    try:
        log("truth: go test -json ./... after each edit")
        ws = fresh_copy(tmp, "truth", env)
        truths = [truth(ws, env)]
        for e in EDITS:
            apply_edit(ws, e)
            truths.append(truth(ws, env))
        data["truth"] = [sorted(t) for t in truths]
        for name in tools:
            ws = fresh_copy(tmp, name, env)
            load_before = loadavg()
            log("%s: starting (load %s)" % (name, load_before))
            if name == "hotlsp":
                tool = Hotlsp([args.hotlsp, "serve", "--gopls", args.gopls, "--test-on-save"], ws, env,
                              os.path.join(logs, "hotlsp.log"))
                tool.settle(args.timeout, 0)
            elif name == "gotestsum":
                tool = Gotestsum(args.gotestsum, ws, env, os.path.join(logs, "gotestsum.log"))
            elif name == "current-pkg":
                tool = CurrentPackage(ws, env)
            else:
                raise SystemExit("unknown tool " + name)
            view, rows = set(truths[0]), []
            try:
                for i, e in enumerate(EDITS):
                    time.sleep(args.settle)
                    if isinstance(tool, CurrentPackage):
                        tool.saved = e[1]
                    t0 = apply_edit(ws, e)
                    o = tool.outcome(t0, args.quiet, args.timeout)
                    view = {f for f in view if f[0] not in o["ran"]} | o["fails"]
                    want = truths[i + 1]
                    row = {"edit": e[0], "ran": o["ran"], "reported": sorted(o["fails"]),
                           "missed": sorted(want - view), "stale": sorted(view - want),
                           "first": o["first"], "last": o["last"]}
                    rows.append(row)
                    log("%s, %s: ran %s; missed %s; stale %s; first %s s, last %s s"
                        % (name, e[0], short(o["ran"]), names(row["missed"]), names(row["stale"]),
                           fmt_s(o["first"]), fmt_s(o["last"])))
            finally:
                tool.stop()
            data["tools"][name] = {"rows": rows, "load": [load_before, loadavg()]}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    with open(os.path.join(results_dir, "tests-vs-peers-%s.json" % stamp), "w") as f:
        json.dump(data, f, indent=1)

    out = ["| edit | truth (`go test ./...`): tests it breaks / fixes | tool | packages run | failures missed | stale "
           "(fixed, still shown) | write → first / last result (s) |", "|---|---|---|---|---|---|---:|"]
    for i, e in enumerate(EDITS):
        before, after = set(truths[i]), set(truths[i + 1])
        change = "new: %s; fixed: %s" % (names(after - before), names(before - after))
        for name in tools:
            r = data["tools"][name]["rows"][i]
            out.append("| %s | %s | %s | %s | %s | %s | %s / %s |"
                       % (e[0] if name == tools[0] else "", change if name == tools[0] else "", name,
                          short(r["ran"]), names([tuple(x) for x in r["missed"]]),
                          names([tuple(x) for x in r["stale"]]), fmt_s(r["first"]), fmt_s(r["last"])))
    out += ["", "| tool | failures missed (sum over edits) | stale failures (sum) | write → first result, median "
            "(s) | write → last result, median (s) | load avg before → after |", "|---|---:|---:|---:|---:|---|"]
    for name in tools:
        d = data["tools"][name]
        out.append("| %s | %d | %d | %s | %s | %s → %s |"
                   % (name, sum(len(r["missed"]) for r in d["rows"]), sum(len(r["stale"]) for r in d["rows"]),
                      fmt_s(median(r["first"] for r in d["rows"])), fmt_s(median(r["last"] for r in d["rows"])),
                      d["load"][0], d["load"][1]))
    print("\n".join(out))


if __name__ == "__main__":
    main()
