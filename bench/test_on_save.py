#!/usr/bin/env python3
"""Proxy latency while tests run on save (issue 18): hover p99 during a test run ÷ idle.

The workspace is a copy of test-workspaces/testing. Each round saves an edit to lib/lib.go (an init
storing a string unique to the round, so no test result comes from go's test cache) that the
tests of lib, greet and report can see. Configurations, in one run, alternating round by round:

  hotlsp     `hotlsp serve --test-on-save`: HotLSP runs the affected tests itself (one niced
             go test through its job runner); the burst ends with the run's closing
             hotlsp/testResults
  by hand    `hotlsp serve --no-build` (watching, so gopls hears of the change the same way) and
             the script runs `go test` of the same three packages right after the save, at the
             normal priority, as a terminal would; the burst ends when go exits

Each session opens report/report.go, waits for its diagnostics and for gopls to be quiet, then
measures --idle hovers on lib.Sum (idle p50/p99); after each save it hovers one at a time (--gap
ms apart) until the tests' end. Reported per configuration (rounds pooled): save → last result,
hover p50/p99/max idle and during, p99 during ÷ idle, load average. Raw figures go to
bench/results/test-on-save-<time>.json, each session's log beside it (test-on-save-<time>/); the
table to stdout.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
HOVER_FILE = "report/report.go"
HOVER_NEEDLE = "lib.Sum("
PACKAGES = ["./lib", "./greet", "./report"]


def log(msg):
    print("[%s] %s" % (time.strftime("%H:%M:%S"), msg), file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


class Session:
    """One HotLSP session on the workspace with the hover file open, noting test results."""

    def __init__(self, argv, ws, env, log_path):
        self.results = []  # (perf_counter_ns, params) of closing hotlsp/testResults
        self.progress = set()
        self.diagnosed = set()
        self.proc = lsp.LspProcess(argv, cwd=ws, env=env, stderr_path=log_path, on_notification=self._note)
        uri = lsp.file_uri(ws)
        params = {"processId": os.getpid(), "rootUri": uri,
                  "workspaceFolders": [{"uri": uri, "name": os.path.basename(ws)}],
                  "capabilities": {"workspace": {"configuration": True, "workspaceFolders": True,
                                                 "didChangeWatchedFiles": {"dynamicRegistration": False}},
                                   "window": {"workDoneProgress": True},
                                   "textDocument": {"hover": {"contentFormat": ["plaintext"]}}}}
        msg, _ = self.proc.request("initialize", params, timeout=120)
        if "error" in msg:
            raise RuntimeError("initialize failed: %s" % msg["error"])
        self.proc.notify("initialized", {})
        path = os.path.join(ws, HOVER_FILE)
        with open(path) as f:
            text = f.read()
        self.uri = lsp.file_uri(path)
        lines = text.splitlines()
        line = next(i for i, l in enumerate(lines) if HOVER_NEEDLE in l)
        self.hover = {"textDocument": {"uri": self.uri},
                      "position": {"line": line, "character": lines[line].index(HOVER_NEEDLE) + 5}}
        self.proc.notify("textDocument/didOpen",
                         {"textDocument": {"uri": self.uri, "languageId": "go", "version": 1, "text": text}})

    def _note(self, msg):
        method, params = msg.get("method"), msg.get("params") or {}
        if method == "hotlsp/testResults" and params.get("done"):
            self.results.append((time.perf_counter_ns(), params))
        elif method == "textDocument/publishDiagnostics":
            self.diagnosed.add(params.get("uri"))
        elif method == "$/progress":
            kind = (params.get("value") or {}).get("kind")
            if kind == "begin":
                self.progress.add(json.dumps(params.get("token")))
            elif kind == "end":
                self.progress.discard(json.dumps(params.get("token")))

    def settle(self, timeout, warmup):
        self.proc.wait_until(lambda: self.uri in self.diagnosed, timeout, "diagnostics of " + HOVER_FILE)
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < 3.0:
            if self.proc.pump(0.2) or self.progress:
                quiet_since = time.monotonic()
        self.hovers(warmup, 0.02)

    def hover_ms(self):
        msg, ns = self.proc.request("textDocument/hover", self.hover, timeout=60)
        if not msg.get("result"):
            raise RuntimeError("empty hover: %s" % msg)
        return ns / 1e6

    def hovers(self, n, gap):
        out = []
        for _ in range(n):
            out.append(self.hover_ms())
            self.proc.pump(gap)
        return out

    def close(self):
        self.proc.shutdown()


def stats(ms):
    v = sorted(ms)
    return {"n": len(v), "p50": lsp.percentile(v, 50), "p99": lsp.percentile(v, 99),
            "max": v[-1] if v else float("nan")}


def edit(ws, token):
    with open(os.path.join(ws, "lib/lib.go"), "a") as f:
        f.write("\nvar benchSink%s string\n\nfunc init() { benchSink%s = \"%s\" }\n" % (token, token, token))


def burst(name, session, ws, env, token, args):
    """Saves the edit and hovers until the tests of it end; (seconds to the last result, hovers)."""
    seen = len(session.results)
    edit(ws, token)
    t0 = time.perf_counter_ns()
    go = None
    if name == "by hand":
        go = subprocess.Popen(["go", "test", *PACKAGES], cwd=ws, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    hovers, deadline = [], time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        hovers.append(session.hover_ms())
        session.proc.pump(args.gap / 1000.0)
        if go is not None and go.poll() is not None:
            return (time.perf_counter_ns() - t0) / 1e9, hovers, go.returncode
        done = [(t, p) for t, p in session.results[seen:] if not p.get("stopped")
                and {"example.com/testing/report"} <= {q["importPath"] for q in p["packages"]}]
        if go is None and done:
            return (done[-1][0] - t0) / 1e9, hovers, 0
    raise RuntimeError("%s: the tests did not end within %d s" % (name, args.timeout))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--hotlsp", default=os.path.join(REPO, "hotlsp"), help="the launcher")
    ap.add_argument("--gopls", default=os.path.join(REPO, ".tools/bin/gopls"))
    ap.add_argument("--rounds", type=int, default=4, help="saves per configuration")
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--idle", type=int, default=300, help="hovers measured before the first save")
    ap.add_argument("--gap", type=float, default=20, help="ms between hovers")
    ap.add_argument("--timeout", type=int, default=300)
    ap.add_argument("--debug", action="store_true", help="HotLSP's --debug log (phases with times)")
    args = ap.parse_args(argv)

    env = dict(os.environ, GOTOOLCHAIN="local")
    tmp = tempfile.mkdtemp(prefix="test-on-save-bench-")
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "xdg-cache")
    results_dir = os.path.join(HERE, "results")
    os.makedirs(results_dir, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    debug = ["--debug"] if args.debug else []
    configs = {"hotlsp": ["serve", "--gopls", args.gopls, "--test-on-save", *debug],
               "by hand": ["serve", "--gopls", args.gopls, "--no-build", *debug]}
    logs = os.path.join(results_dir, "test-on-save-" + stamp)
    os.makedirs(logs, exist_ok=True)
    sessions, data = {}, {}
    try:
        for name, extra in configs.items():
            ws = os.path.join(tmp, name.replace(" ", "-"))
            shutil.copytree(os.path.join(REPO, "test-workspaces/testing"), ws)
            subprocess.run(["go", "test", *PACKAGES], cwd=ws, env=env, stdout=subprocess.DEVNULL, check=True)
            log("%s: starting" % name)
            s = Session([args.hotlsp, *extra], ws, env, os.path.join(logs, name.replace(" ", "-") + ".log"))
            s.settle(args.timeout, args.warmup)
            sessions[name] = (s, ws)
            data[name] = {"idle": s.hovers(args.idle, args.gap / 1000.0), "during": [], "walls": [],
                          "load": []}
        for r in range(args.rounds):
            order = list(configs) if r % 2 == 0 else list(reversed(configs))
            for name in order:
                s, ws = sessions[name]
                load_before = loadavg()
                wall, hovers, code = burst(name, s, ws, env, "%s%d%d" % (name[0], r, int(time.time())), args)
                d = data[name]
                d["during"].extend(hovers)
                d["walls"].append(wall)
                d["load"].append((load_before, loadavg()))
                log("%s round %d: %.2f s to the last result, %d hovers, p99 %.1f ms (exit %d)"
                    % (name, r + 1, wall, len(hovers), stats(hovers)["p99"], code))
                s.hovers(20, args.gap / 1000.0)  # let the session go quiet between rounds
    finally:
        for s, _ in sessions.values():
            s.close()
        shutil.rmtree(tmp, ignore_errors=True)
    lines = ["| config | save → last result (median, s) | hover idle p50 / p99 | hover during p50 / p99 / max "
             "| p99 during ÷ idle | load avg (before → after, per round) |", "|---|---:|---:|---:|---:|---|"]
    for name, d in data.items():
        i, b = stats(d["idle"]), stats(d["during"])
        walls = sorted(d["walls"])
        lines.append("| %s | %.2f | %.1f / %.1f ms | %.1f / %.1f / %.0f ms | %.1f× | %s |"
                     % (name, walls[len(walls) // 2], i["p50"], i["p99"], b["p50"], b["p99"], b["max"],
                        b["p99"] / i["p99"], ", ".join("%s → %s" % l for l in d["load"])))
    with open(os.path.join(results_dir, "test-on-save-%s.json" % stamp), "w") as f:
        json.dump({"nproc": os.cpu_count(), "results": data}, f, indent=1)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
