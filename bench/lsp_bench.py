#!/usr/bin/env python3
"""Latency benchmark: the same LSP request mix against several server configurations.

Configurations (all in the same run, interleaved chunk by chunk):
  direct     gopls on stdio
  forwarder  gopls's own forwarder: `gopls serve -listen=unix;SOCK` + `gopls -remote=unix;SOCK`
  NAME=CMD   any other stdio server command line (--server-cmd), e.g. hotlsp='OTHER/hotlsp serve'

Requests are sent one at a time (each waits for its answer). Reports p50/p95/p99 per method,
ratios and added latency versus direct, initialize time (spawn to the `initialize` answer),
and VmRSS/VmHWM of the process the editor talks to. Raw data goes to bench/results/.
"""
import argparse
import gc
import json
import os
import shlex
import statistics
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402
import workspace  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


class Config:
    """One way of reaching gopls: a stdio command, optionally behind a daemon started first."""

    def __init__(self, name, argv, daemon_argv=None, socket_path=None):
        self.name, self.argv, self.daemon_argv, self.socket_path = name, argv, daemon_argv, socket_path
        self.daemon = None

    def start_daemon(self, env, log):
        if not self.daemon_argv:
            return
        if os.path.exists(self.socket_path):
            os.unlink(self.socket_path)
        self.daemon = subprocess.Popen(self.daemon_argv, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                       env=env, start_new_session=True)
        deadline = time.monotonic() + 20
        while not os.path.exists(self.socket_path):
            if time.monotonic() > deadline or self.daemon.poll() is not None:
                raise RuntimeError("%s daemon did not create %s" % (self.name, self.socket_path))
            time.sleep(0.02)

    def stop_daemon(self):
        if self.daemon:
            lsp.kill_group(self.daemon.pid)
            try:
                self.daemon.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
            self.daemon = None
        if self.socket_path and os.path.exists(self.socket_path):
            os.unlink(self.socket_path)


def initialize_params(root):
    uri = lsp.file_uri(root)
    return {
        "processId": os.getpid(),
        "clientInfo": {"name": "hotlsp-bench", "version": "1"},
        "rootUri": uri,
        "workspaceFolders": [{"uri": uri, "name": os.path.basename(root)}],
        "capabilities": {
            "workspace": {"configuration": True, "workspaceFolders": True,
                          "didChangeWatchedFiles": {"dynamicRegistration": True}},
            "window": {"workDoneProgress": True},
            "textDocument": {
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "definition": {"linkSupport": True},
                "documentSymbol": {"hierarchicalDocumentSymbolSupport": True},
                "completion": {"completionItem": {"snippetSupport": False}},
                "publishDiagnostics": {"relatedInformation": True},
                "synchronization": {"didSave": True},
            },
        },
    }


class Session:
    """A running server with the workspace's files open and its initial load finished."""

    def __init__(self, config, root, mix, env, log_path, open_files=True, load_timeout=180):
        self.config = config
        self.progress_active = set()
        self.progress_done = 0
        self.diagnosed = set()
        self.proc = lsp.LspProcess(config.argv, cwd=root, env=env, stderr_path=log_path,
                                   on_notification=self._notification)
        msg, _ = self.proc.request("initialize", initialize_params(root), timeout=120)
        self.init_ms = (time.perf_counter_ns() - self.proc.t_spawn) / 1e6
        if "error" in msg:
            raise RuntimeError("%s: initialize failed: %s" % (config.name, msg["error"]))
        self.proc.notify("initialized", {})
        self.ready_ms = None
        if open_files:
            uris = []
            for uri, text in mix.texts():
                self.proc.notify("textDocument/didOpen",
                                 {"textDocument": {"uri": uri, "languageId": "go", "version": 1, "text": text}})
                uris.append(uri)
            self.proc.wait_until(lambda: all(u in self.diagnosed for u in uris) and not self.progress_active,
                                 load_timeout, "%s: diagnostics for every open file" % config.name)
            self.ready_ms = (time.perf_counter_ns() - self.proc.t_spawn) / 1e6

    def _notification(self, msg):
        method, params = msg.get("method"), msg.get("params") or {}
        if method == "$/progress":
            kind = (params.get("value") or {}).get("kind")
            token = json.dumps(params.get("token"))
            if kind == "begin":
                self.progress_active.add(token)
            elif kind == "end":
                self.progress_active.discard(token)
                self.progress_done += 1
        elif method == "textDocument/publishDiagnostics":
            self.diagnosed.add(params.get("uri"))

    def close(self):
        self.proc.shutdown()


def non_empty(result):
    return result not in (None, [], {}) and not (isinstance(result, dict) and result.get("items") == [])


def run_chunk(session, requests, sink, timeout):
    """Sends requests one at a time; per method, collects latencies and counts errors/empty results.

    sink["order"] gets one entry per request, in order (latency in ns, or None on failure), so
    configurations can be compared request by request.
    """
    order = sink.setdefault("order", [])
    for method, params in requests:
        rec = sink.setdefault(method, {"ns": [], "errors": 0, "empty": 0, "timeouts": 0})
        try:
            msg, ns = session.proc.request(method, params, timeout=timeout)
        except lsp.LspTimeout:
            rec["timeouts"] += 1
            order.append(None)
            continue
        if "error" in msg:
            rec["errors"] += 1
            order.append(None)
            continue
        rec["ns"].append(ns)
        order.append(ns)
        if not non_empty(msg.get("result")):
            rec["empty"] += 1


def measure_initialize(configs, root, env, reps, logs):
    """Spawn-to-initialize-answer times, round-robin over configurations."""
    times = {c.name: [] for c in configs}
    for _ in range(reps):
        for c in configs:
            proc = lsp.LspProcess(c.argv, cwd=root, env=env, stderr_path=logs[c.name])
            try:
                msg, _ = proc.request("initialize", initialize_params(root), timeout=120)
                t = (time.perf_counter_ns() - proc.t_spawn) / 1e6
                if "error" not in msg:
                    times[c.name].append(t)
                proc.notify("initialized", {})
            except (lsp.LspTimeout, lsp.LspClosed, RuntimeError, OSError, ValueError) as e:
                log("%s: initialize failed: %s" % (c.name, e))
            finally:
                proc.shutdown()
    return times


def fmt(x, digits=2):
    return "n/a" if x is None or x != x else ("%.*f" % (digits, x))


def markdown(report):
    names = report["configs"]
    base = "direct" if "direct" in names else names[0]
    out = []
    out.append("### LSP request latency (ms, one request at a time; %d measured requests per configuration, "
               "after %d distinct warm-up requests x %d)" % (report["requests"], report["warmup"],
                                                             report["warmup_passes"]))
    out.append("")
    out.append("| method | config | n | p50 | p95 | p99 | p50 / %s | p99 / %s | added p50 | added p99 "
               "| paired median Δ | non-empty |" % (base, base))
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for method in report["methods"] + ["all"]:
        b = report["latency"][base].get(method)
        for name in names:
            s = report["latency"][name].get(method)
            if not s:
                continue
            same = name == base
            out.append("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                method.replace("textDocument/", ""), name, s["n"], fmt(s["p50"]), fmt(s["p95"]), fmt(s["p99"]),
                "1.00" if same else fmt(s["p50"] / b["p50"]), "1.00" if same else fmt(s["p99"] / b["p99"]),
                "–" if same else "%+.3f" % (s["p50"] - b["p50"]), "–" if same else "%+.3f" % (s["p99"] - b["p99"]),
                "–" if same or s.get("paired_median_diff") is None else "%+.3f" % s["paired_median_diff"],
                "%d%%" % round(100 * s["non_empty"] / max(1, s["n"]))
                + (" (%d failed)" % s["errors"] if s.get("errors") else "")))
    out.append("")
    out.append("### Start-up and memory")
    out.append("")
    out.append("| config | initialize median ms (n) | initialize ratio | ready ms (initial load, 1 sample) "
               "| front process | max VmRSS MiB | VmHWM MiB |")
    out.append("|---|---:|---:|---:|---|---:|---:|")
    binit = report["initialize"][base]["median"]
    for name in names:
        i, r = report["initialize"][name], report["rss"].get(name, {})
        out.append("| %s | %s (%d) | %s | %s | %s | %s | %s |" % (
            name, fmt(i["median"], 1), i["n"], fmt(i["median"] / binit if binit else None),
            fmt(report["ready_ms"].get(name), 0), r.get("process", "?"),
            fmt(r.get("max_vmrss_kib", 0) / 1024, 1), fmt(r.get("vmhwm_kib", 0) / 1024, 1)))
    out.append("")
    out.append("Goals (added latency over %s for all methods: p50 <= 0.3 ms, p99 <= 1 ms, below the forwarder; "
               "front-process RSS <= 128 MiB):" % base)
    lat = report["latency"]
    for name in names:
        if name in (base, "forwarder"):
            continue
        s, b, f = lat[name]["all"], lat[base]["all"], lat.get("forwarder", {}).get("all")
        d50, d99 = s["p50"] - b["p50"], s["p99"] - b["p99"]
        rss = report["rss"].get(name, {}).get("max_vmrss_kib", 0) / 1024
        out.append("- %s: added p50 %+.3f ms (%s), added p99 %+.3f ms (%s), paired median %+.3f ms; %s; "
                   "max VmRSS %.0f MiB (%s)" % (
                       name, d50, "met" if d50 <= 0.3 else "NOT met", d99, "met" if d99 <= 1.0 else "NOT met",
                       s.get("paired_median_diff") or 0.0,
                       "n/a (no forwarder)" if not f else "p50 %s forwarder's, p99 %s" % (
                           "below" if s["p50"] < f["p50"] else "NOT below",
                           "below" if s["p99"] < f["p99"] else "NOT below"),
                       rss, "met" if rss <= 128 else "NOT met"))
    for name, reason in report.get("failed", {}).items():
        out.append("- %s: FAILED, not measured (%s)" % (name, reason))
    return "\n".join(out)


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_gopls = os.path.join(ROOT, ".tools", "bin", "gopls")
    ap.add_argument("--gopls", default=default_gopls if os.path.exists(default_gopls) else shutil.which("gopls"),
                    help="gopls binary for the direct and forwarder configurations")
    ap.add_argument("--server-cmd", action="append", default=[], metavar="NAME=CMD",
                    help="another configuration: a stdio LSP server command line (repeatable)")
    ap.add_argument("--configs", help="comma-separated subset/order (default: direct,forwarder,<--server-cmd names>)")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--warmup", type=int, default=200,
                    help="distinct requests, each sent once per configuration before measuring")
    ap.add_argument("--warmup-passes", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=50, help="requests per configuration before switching")
    ap.add_argument("--init-reps", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=30.0, help="per-request timeout, seconds")
    ap.add_argument("--workspace", help="existing Go workspace (default: generate one in a temp dir)")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--seed", type=int, default=1)
    return ap.parse_args(argv)


def build_configs(args, tmp):
    sock = os.path.join(tmp, "gopls.sock")
    known = {
        "direct": Config("direct", [args.gopls]),
        "forwarder": Config("forwarder", [args.gopls, "-remote=unix;" + sock],
                            [args.gopls, "serve", "-listen=unix;" + sock], sock),
    }
    order = ["direct", "forwarder"]
    for spec in args.server_cmd:
        name, sep, cmd = spec.partition("=")
        if not sep or not cmd.strip():
            raise SystemExit("--server-cmd wants NAME=CMD, got %r" % spec)
        known[name] = Config(name, shlex.split(cmd))
        order.append(name)
    if args.configs:
        order = [n.strip() for n in args.configs.split(",") if n.strip()]
    missing = [n for n in order if n not in known]
    if missing:
        raise SystemExit("unknown configuration(s): %s" % ", ".join(missing))
    return [known[n] for n in order]


def main(argv=None):
    args = parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="hotlsp-bench-")
    env = dict(os.environ, GOTOOLCHAIN="local")
    configs = build_configs(args, tmp)
    os.makedirs(args.results, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    logs = {c.name: os.path.join(args.results, "lsp-%s-%s.stderr.log" % (stamp, c.name)) for c in configs}
    root = os.path.abspath(args.workspace) if args.workspace else workspace.build(os.path.join(tmp, "ws"))
    mix = workspace.RequestMix(root, seed=args.seed)
    # The warm-up sends every distinct request once; the measured mix is drawn from those, so it
    # measures steady state (gopls's first-time costs, e.g. loading a std package's docs, are excluded).
    warm = mix.generate(max(args.warmup, len(workspace.RequestMix.METHODS)))
    measured = mix.sample(warm, args.requests)
    sessions, samplers, failed = {}, {}, {}
    daemon_log = open(os.path.join(args.results, "lsp-%s-daemon.log" % stamp), "ab")
    try:
        for c in configs:
            c.start_daemon(env, daemon_log)
        log("workspace %s: %d files, %d identifiers, %d selector positions"
            % (root, len(mix.files), len(mix.idents), len(mix.dots)))
        log("measuring initialize (%d rounds)" % args.init_reps)
        init_times = measure_initialize(configs, root, env, args.init_reps, logs)
        for c in configs:
            log("starting %s: %s" % (c.name, " ".join(c.argv)))
            try:
                s = Session(c, root, mix, env, logs[c.name])
            except FAILURES as e:
                fail(failed, c.name, "start-up: %s" % e)
                continue
            sessions[c.name] = s
            init_times[c.name].append(s.init_ms)
            log("  initialize %.0f ms, initial load done at %.0f ms" % (s.init_ms, s.ready_ms))
        configs = [c for c in configs if c.name not in failed]
        for c in configs:
            log("warm-up %s (%d distinct requests x %d)" % (c.name, len(warm), args.warmup_passes))
            try:
                for _ in range(args.warmup_passes):
                    run_chunk(sessions[c.name], warm, {}, args.timeout)
            except lsp.LspClosed as e:
                fail(failed, c.name, "warm-up: %s" % e)
        configs = [c for c in configs if c.name not in failed]
        for c in configs:
            samplers[c.name] = lsp.RssSampler(sessions[c.name].proc.pid).start()
        results = {c.name: {} for c in configs}
        chunks = [measured[i:i + args.chunk] for i in range(0, len(measured), args.chunk)]
        t0 = time.monotonic()
        gc.collect()
        gc.disable()  # no client-side collector pauses inside measured round trips
        for k, chunk in enumerate(chunks):
            order = configs[k % len(configs):] + configs[:k % len(configs)]
            for c in order:
                if c.name not in failed:
                    try:
                        run_chunk(sessions[c.name], chunk, results[c.name], args.timeout)
                    except lsp.LspClosed as e:
                        fail(failed, c.name, "measuring (chunk %d): %s" % (k + 1, e))
            if k % 10 == 9:
                log("  %d/%d requests per configuration (%.0f s)" % ((k + 1) * args.chunk, len(measured),
                                                                       time.monotonic() - t0))
        gc.enable()
        configs = [c for c in configs if c.name not in failed]
        rss = {}
        for c in configs:
            rss[c.name] = samplers[c.name].stop()
            rss[c.name]["process"] = lsp.proc_name(sessions[c.name].proc.pid) or "?"
        report = summarize(args, configs, results, init_times, rss, sessions, root, mix, measured)
        report["failed"] = failed
        path = os.path.join(args.results, "lsp-latency-%s.json" % stamp)
        with open(path, "w") as f:
            json.dump(report, f, indent=1)
        print(markdown(report))
        print()
        print("Raw data: %s" % os.path.relpath(path, os.getcwd()))
        return 0
    finally:
        for s in samplers.values():
            s.cancel()
        for s in sessions.values():
            s.close()
        for c in configs:
            c.stop_daemon()
        daemon_log.close()
        shutil.rmtree(tmp, ignore_errors=True)


def summarize(args, configs, results, init_times, rss, sessions, root, mix, measured):
    methods = workspace.RequestMix.METHODS
    latency, raw = {}, {}
    for c in configs:
        latency[c.name], raw[c.name] = {}, {}
        all_ns, all_empty, all_err = [], 0, 0
        for m in methods:
            rec = results[c.name].get(m, {"ns": [], "errors": 0, "empty": 0, "timeouts": 0})
            s = lsp.summarize_ns(rec["ns"])
            s.update(errors=rec["errors"], timeouts=rec["timeouts"], non_empty=len(rec["ns"]) - rec["empty"])
            latency[c.name][m] = s
            raw[c.name][m] = [round(x / 1e6, 4) for x in rec["ns"]]
            all_ns += rec["ns"]
            all_empty += rec["empty"]
            all_err += rec["errors"] + rec["timeouts"]
        s = lsp.summarize_ns(all_ns)
        s.update(errors=all_err, non_empty=len(all_ns) - all_empty)
        latency[c.name]["all"] = s
    names = [c.name for c in configs]
    base = "direct" if "direct" in names else names[0]
    base_order = results[base].get("order", [])
    kinds = [m for m, _ in measured]
    for c in configs:
        for m in methods + ["all"]:
            diffs = [(a - b) / 1e6 for a, b, k in zip(results[c.name].get("order", []), base_order, kinds)
                     if a is not None and b is not None and m in ("all", k)]
            latency[c.name][m]["paired_median_diff"] = statistics.median(diffs) if diffs else None
    inits = {}
    for name, ts in init_times.items():
        v = sorted(ts)
        inits[name] = {"n": len(v), "median": statistics.median(v) if v else None, "samples_ms": v}
    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "host": {"cpus": os.cpu_count(), "uname": " ".join(os.uname())},
        "gopls": args.gopls,
        "workspace": {"root": root, "files": len(mix.files)},
        "configs": [c.name for c in configs],
        "commands": {c.name: {"server": c.argv, "daemon": c.daemon_argv} for c in configs},
        "requests": args.requests, "warmup": args.warmup, "warmup_passes": args.warmup_passes, "chunk": args.chunk,
        "methods": methods,
        "latency": latency,
        "initialize": inits,
        "ready_ms": {name: s.ready_ms for name, s in sessions.items()},
        "rss": rss,
        "raw_ms": raw,
        "order_ms": {c.name: [None if x is None else round(x / 1e6, 4) for x in results[c.name].get("order", [])]
                     for c in configs},
    }


FAILURES = (lsp.LspTimeout, lsp.LspClosed, RuntimeError, OSError, ValueError)


def fail(failed, name, reason):
    """Drops a configuration from the run (direct is the baseline: without it there is no run)."""
    log("%s FAILED, dropped from the run: %s" % (name, reason))
    if name == "direct":
        raise RuntimeError("the direct configuration failed: %s" % reason)
    failed[name] = reason


def log(msg):
    print("[lsp_bench] " + msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
