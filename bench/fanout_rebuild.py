#!/usr/bin/env python3
"""Build fan-out: one save that affects many run targets of a large real module.

The workspace is a copy of golang.org/x/tools at the version gopls v0.23.0 is built with (read from
`go version -m` of the gopls binary; taken from the module cache, or fetched there through the Go
module proxy). The edit appends, to go/ast/inspector/inspector.go, a comment and an init function
that stores a string unique to the configuration, so every binary that links the package changes and
no configuration reuses another's compile. Configurations, in one run, one after another:

  go build -o DIR/   one `go build -o DIR/ pkg...` of the affected mains, started by the script right
                     after the save (what the issue measured as 9.7 s); hovers go through the new
                     HotLSP with --no-build (watching, so gopls hears of the change the same way)
  go build nice      the same under `nice -n 10`, as HotLSP now runs it (what nice costs the build
                     when other work competes for the CPU)
  before             HotLSP of --before (another checkout's ./hotlsp, e.g. main's build: builds every
                     main when the workspace opens, then one go build per affected target; none: skipped)
  after              HotLSP of --after (default this checkout's ./hotlsp)

Each session opens go/analysis/passes/inspect/inspect.go, waits for its diagnostics, for the
builds at open (before: every main) and for gopls to be quiet; measures --idle hovers (idle p50/p99),
then saves the edit and hovers on `inspector.New` one at a time (--gap ms apart) until the last
affected target's binary is reported (`hotlsp/buildEnded`) or the go build exits. Reported: wall
time from the save to the last binary, the peak RSS of the build tree (per 50 ms sample, the sum
of VmHWM over the live go, compile, link, asm and cgo processes; the maximum over samples), the
most go build processes alive at once, hover p50/p99/max during the burst, and the load average
before and after. Raw figures go to bench/results/fanout-<time>.json; the table to stdout.
"""
import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
EDITED = "go/ast/inspector/inspector.go"
INSPECTOR = "golang.org/x/tools/go/ast/inspector"
HOVER_FILE = "go/analysis/passes/inspect/inspect.go"
HOVER_LINE = "\treturn inspector.New(pass.Files), nil"
BUILD_TOOLS = {"go", "compile", "link", "asm", "cgo"}


def log(msg):
    print("[fanout] " + msg, file=sys.stderr, flush=True)


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def go_env(env, name):
    return subprocess.run(["go", "env", name], env=env, capture_output=True, text=True, check=True).stdout.strip()


def tools_module(gopls, env):
    """The directory of golang.org/x/tools at the version gopls was built with, in the module cache."""
    info = subprocess.run(["go", "version", "-m", gopls], env=env, capture_output=True, text=True, check=True).stdout
    version = next(line.split()[2] for line in info.splitlines()
                   if line.split()[:2] == ["dep", "golang.org/x/tools"])
    path = os.path.join(go_env(env, "GOMODCACHE"), "golang.org/x/tools@" + version)
    if not os.path.isdir(path):
        log("fetching golang.org/x/tools@%s through the Go module proxy" % version)
        subprocess.run(["go", "mod", "download", "golang.org/x/tools@" + version], env=env, check=True,
                       cwd=tempfile.gettempdir())
    return version, path


def copy_writable(src, dst):
    shutil.copytree(src, dst, symlinks=True)
    for d, dirs, files in os.walk(dst):
        for name in dirs + files:
            p = os.path.join(d, name)
            if not os.path.islink(p):
                os.chmod(p, os.stat(p).st_mode | stat.S_IWUSR)
    os.chmod(dst, os.stat(dst).st_mode | stat.S_IWUSR)


def mains(ws, env):
    """(all main packages, the affected ones) as (import path, ./dir) pairs."""
    out = subprocess.run(["go", "list", "-e", "-f", "{{.Name}}|{{.ImportPath}}|{{.Dir}}|{{join .Deps \" \"}}", "./..."],
                         cwd=ws, env=env, capture_output=True, text=True, check=True).stdout
    every, affected = [], []
    for line in out.splitlines():
        name, path, d, deps = line.split("|", 3)
        if name != "main":
            continue
        pkg = (path, "./" + os.path.relpath(d, ws))
        every.append(pkg)
        if INSPECTOR in deps.split():
            affected.append(pkg)
    return every, affected


def edit(ws, token):
    with open(os.path.join(ws, EDITED), "a") as f:
        f.write("\n// bench edit %s\nvar benchSink%s string\n\nfunc init() { benchSink%s = \"%s\" }\n"
                % (token, token, token, token))


class BuildTree:
    """Samples the go build processes below a root every 50 ms (excluding gopls's subtree)."""

    def __init__(self, root_pid, exclude_names=("gopls",)):
        self.root = root_pid
        self.exclude = exclude_names
        self.peak_hwm_kib = 0
        self.peak_rss_kib = 0
        self.max_go_builds = 0
        self.go_build_pids = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self):
        todo, seen = [self.root], [self.root]
        while todo:
            for c in lsp.children_of(todo.pop()):
                if c not in seen and lsp.proc_name(c) not in self.exclude:
                    seen.append(c)
                    todo.append(c)
        return seen

    def sample(self):
        hwm = rss = builds = 0
        for pid in self._tree():
            name = lsp.proc_name(pid)
            if name not in BUILD_TOOLS or (name == "go" and lsp.proc_name(parent(pid)) == "go"):
                # a go child between fork and exec still shows go's image (and shares its memory)
                continue
            hwm += lsp.proc_status_kib(pid, "VmHWM") or 0
            rss += lsp.proc_status_kib(pid, "VmRSS") or 0
            if name == "go" and is_go_build(pid):
                builds += 1
                self.go_build_pids.add(pid)
        self.peak_hwm_kib = max(self.peak_hwm_kib, hwm)
        self.peak_rss_kib = max(self.peak_rss_kib, rss)
        self.max_go_builds = max(self.max_go_builds, builds)

    def _run(self):
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(0.05)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=5)


def parent(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            text = f.read()
        return int(text[text.rindex(")") + 2:].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


def is_go_build(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            argv = f.read().split(b"\0")
        return len(argv) > 1 and argv[1] == b"build"
    except OSError:
        return False


class Session:
    """One proxy session on the workspace, the hover file open, counting hotlsp/buildEnded."""

    def __init__(self, argv, ws, env, log_path):
        self.builds = []  # (perf_counter_ns, params)
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
        line = text.splitlines().index(HOVER_LINE)
        self.hover = {"textDocument": {"uri": self.uri},
                      "position": {"line": line, "character": HOVER_LINE.index("New") + 1}}
        self.proc.notify("textDocument/didOpen",
                         {"textDocument": {"uri": self.uri, "languageId": "go", "version": 1, "text": text}})

    def _note(self, msg):
        method, params = msg.get("method"), msg.get("params") or {}
        if method == "hotlsp/buildEnded":
            self.builds.append((time.perf_counter_ns(), params))
        elif method == "textDocument/publishDiagnostics":
            self.diagnosed.add(params.get("uri"))
        elif method == "$/progress":
            kind = (params.get("value") or {}).get("kind")
            if kind == "begin":
                self.progress.add(json.dumps(params.get("token")))
            elif kind == "end":
                self.progress.discard(json.dumps(params.get("token")))

    def settle(self, builds_at_open, timeout, warmup):
        self.proc.wait_until(lambda: self.uri in self.diagnosed, timeout, "diagnostics of " + HOVER_FILE)
        if builds_at_open:
            self.proc.wait_until(lambda: len({p["target"] for _, p in self.builds}) >= builds_at_open,
                                 timeout, "%d builds at open" % builds_at_open)
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < 5.0:
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


def run_config(name, argv, builds_at_open, ws, env, affected, token, args, logs, external_build, prefix=()):
    log("%s: starting %s" % (name, " ".join(argv)))
    session = Session(argv, ws, env, os.path.join(logs, name.replace(" ", "_").replace("/", "") + ".log"))
    try:
        session.settle(builds_at_open, args.timeout, args.warmup)
        idle = session.hovers(args.idle, args.gap / 1000.0)
        load_before = loadavg()
        seen_before = len(session.builds)
        edit(ws, token)
        t0 = time.perf_counter_ns()
        go = None
        if external_build:
            outdir = tempfile.mkdtemp(prefix="fanout-out-")
            go = subprocess.Popen([*prefix, "go", "build", "-o", outdir + "/", *[d for _, d in affected]], cwd=ws, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            tree = BuildTree(go.pid).start()
        else:
            tree = BuildTree(session.proc.pid).start()
        targets = {p for p, _ in affected}
        burst, t_last, ok = [], None, 0
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline:
            burst.append(session.hover_ms())
            session.proc.pump(args.gap / 1000.0)
            if go is not None:
                if go.poll() is not None:
                    t_last = time.perf_counter_ns()
                    ok = len([f for f in os.listdir(outdir)])
                    break
            else:
                ended = {}
                for t, p in session.builds[seen_before:]:
                    if p["target"] in targets:
                        ended[p["target"]] = (t, p)
                if len(ended) == len(targets):
                    t_last = max(t for t, _ in ended.values())
                    ok = sum(1 for _, p in ended.values() if p["ok"])
                    break
        tree.sample()
        tree.stop()
        if t_last is None:
            raise RuntimeError("%s: the build did not end within %d s" % (name, args.timeout))
        result = {"config": name, "wall_s": (t_last - t0) / 1e9, "ok_binaries": ok,
                  "peak_tree_hwm_mib": tree.peak_hwm_kib / 1024, "peak_tree_rss_mib": tree.peak_rss_kib / 1024,
                  "max_go_builds": tree.max_go_builds, "go_builds": len(tree.go_build_pids),
                  "idle": stats(idle), "burst": stats(burst), "load_before": load_before, "load_after": loadavg(),
                  "idle_ms": idle, "burst_ms": burst}
        if go is not None:
            result["go_exit"] = go.returncode
            shutil.rmtree(outdir, ignore_errors=True)
        log("%s: %.1f s to the last binary, %d binaries, %d go builds (max %d at once), hover p99 %.1f ms"
            % (name, result["wall_s"], ok, result["go_builds"], result["max_go_builds"], result["burst"]["p99"]))
        return result
    finally:
        session.close()


def table(results, version, n_mains, n_affected):
    lines = ["x/tools %s: %d main packages, %d import go/ast/inspector; save of %s" % (version, n_mains, n_affected,
                                                                                    EDITED), "",
             "| config | to last binary | binaries | go builds (max at once) | build tree peak RSS | "
             "hover idle p50 / p99 | hover during p50 / p99 / max | p99 during ÷ idle | load avg before → after |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in results:
        i, b = r["idle"], r["burst"]
        lines.append("| %s | %.1f s | %d | %d (%d) | %.0f MiB | %.1f / %.1f ms | %.1f / %.1f / %.0f ms | %.1f× | %s → %s |"
                     % (r["config"], r["wall_s"], r["ok_binaries"], r["go_builds"], r["max_go_builds"],
                        r["peak_tree_hwm_mib"], i["p50"], i["p99"], b["p50"], b["p99"], b["max"],
                        b["p99"] / i["p99"] if i["p99"] else float("nan"), r["load_before"], r["load_after"]))
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", default="", help="launcher of the old HotLSP, another checkout's ./hotlsp (none: skipped)")
    ap.add_argument("--after", default=os.path.join(REPO, "hotlsp"), help="launcher of the new HotLSP")
    ap.add_argument("--gopls", default=os.path.join(REPO, ".tools/bin/gopls"))
    ap.add_argument("--configs", default="go build,go build nice,before,after",
                    help="subset and order of: go build, go build nice, before, after")
    ap.add_argument("--warmup", type=int, default=100, help="hovers before measuring (after 5 s of quiet)")
    ap.add_argument("--idle", type=int, default=200, help="hovers measured before the save")
    ap.add_argument("--gap", type=float, default=20, help="ms between hovers")
    ap.add_argument("--timeout", type=int, default=900, help="seconds per wait")
    ap.add_argument("--pause", type=float, default=15, help="seconds between configurations")
    args = ap.parse_args(argv)

    env = dict(os.environ, GOTOOLCHAIN="local")
    gocache = go_env(env, "GOCACHE")
    version, module = tools_module(args.gopls, env)
    tmp = tempfile.mkdtemp(prefix="fanout-bench-")
    env.update(GOCACHE=gocache, XDG_CACHE_HOME=os.path.join(tmp, "xdg-cache"))
    results_dir = os.path.join(HERE, "results")
    os.makedirs(results_dir, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    logs = os.path.join(results_dir, "fanout-" + stamp)
    os.makedirs(logs, exist_ok=True)
    try:
        ws = os.path.join(tmp, "tools")
        copy_writable(module, ws)
        every, affected = mains(ws, env)
        log("%d mains, %d import %s; warming the build cache with one go build of every main"
            % (len(every), len(affected), INSPECTOR))
        warm = os.path.join(tmp, "warm")
        subprocess.run(["go", "build", "-o", warm + "/", *[d for _, d in every]], cwd=ws, env=env, check=True)
        results = []
        for name in [c.strip() for c in args.configs.split(",") if c.strip()]:
            token = "%s%d" % (name.replace(" ", "").replace("-", ""), int(time.time()))
            gopls = ["--gopls", args.gopls]
            prefix = ()
            if name in ("go build", "go build nice"):
                argv, at_open, external = [args.after, "serve", *gopls, "--no-build"], 0, True
                label = "go build -o DIR/ (one invocation)"
                if name == "go build nice":
                    prefix = ("nice", "-n", "10")
                    label = "nice -n 10 go build -o DIR/"
            elif name == "before":
                if not args.before:
                    continue
                argv, at_open, external = [args.before, "serve", *gopls], len(every), False
                label = "before: %s" % args.before
            elif name == "after":
                argv, at_open, external = [args.after, "serve", *gopls], 0, False
                label = "after: %s" % args.after
            else:
                raise SystemExit("unknown config " + name)
            if results:
                time.sleep(args.pause)
            results.append(run_config(label, argv, at_open, ws, env, affected, token, args, logs, external, prefix))
        out = table(results, version, len(every), len(affected))
        with open(os.path.join(results_dir, "fanout-%s.json" % stamp), "w") as f:
            json.dump({"version": version, "mains": len(every), "affected": [p for p, _ in affected],
                       "nproc": os.cpu_count(), "results": results}, f, indent=1)
        print(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
