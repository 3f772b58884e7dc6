#!/usr/bin/env python3
"""The latency tail on a small workspace: one hover, on a method call in a one-file module.

gopls answers this hover in well under a millisecond, so what a proxy adds is not hidden under
gopls's own tail (as completion's ~100 ms budget hides it in lsp_bench.py's mix). Configurations
as in lsp_bench.py (direct, forwarder, any --server-cmd NAME=CMD), all running at once; after
--warmup hovers each, --requests hovers per configuration one at a time, in blocks of --block
interleaved across configurations (order rotated per block), in --runs separate runs (fresh
processes each). Reports, per run and pooled, p50 / p99 / max, the added p50 / p99 over direct,
and how many requests took over 2 ms. Raw latencies go to bench/results/.
"""
import argparse
import gc
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402
import lsp_bench  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

MAIN_GO = """package main

import "fmt"

type counter struct{ n int }

// add increases the counter by d and returns the new value.
func (c *counter) add(d int) int {
\tc.n += d
\treturn c.n
}

func main() {
\tc := &counter{}
\tfmt.Println(c.add(2))
}
"""


class OneHover:
    """The request 'mix' of this benchmark: one file, one hover on the call `c.add`."""

    def __init__(self, root):
        self.path = os.path.join(root, "main.go")
        self.uri = lsp.file_uri(self.path)
        line = MAIN_GO.splitlines().index("\tfmt.Println(c.add(2))")
        self.params = {"textDocument": {"uri": self.uri},
                       "position": {"line": line, "character": len("\tfmt.Println(c.a")}}

    def texts(self):
        return [(self.uri, MAIN_GO)]

    def requests(self, n):
        return [("textDocument/hover", self.params)] * n


def write_workspace(root):
    os.makedirs(root, exist_ok=True)
    with open(os.path.join(root, "go.mod"), "w") as f:
        f.write("module bench.example/tail\n\ngo 1.22\n")
    with open(os.path.join(root, "main.go"), "w") as f:
        f.write(MAIN_GO)
    return root


def percentile(sorted_ms, q):
    if not sorted_ms:
        return float("nan")
    k = min(len(sorted_ms) - 1, max(0, int(round(q / 100.0 * (len(sorted_ms) - 1)))))
    return sorted_ms[k]


def stats(ms):
    v = sorted(ms)
    return {"n": len(v), "p50": percentile(v, 50), "p99": percentile(v, 99), "max": v[-1] if v else float("nan"),
            "over_2ms": sum(1 for x in v if x > 2.0)}


def one_run(args, configs, root, env, logs):
    mix = OneHover(root)
    sessions, lat = {}, {c.name: [] for c in configs}
    try:
        for c in configs:
            sessions[c.name] = lsp_bench.Session(c, root, mix, env, logs[c.name])
        for c in configs:
            lsp_bench.run_chunk(sessions[c.name], mix.requests(args.warmup), {}, args.timeout)
        blocks = args.requests // args.block
        gc.collect()
        gc.disable()
        for k in range(blocks):
            order = configs[k % len(configs):] + configs[:k % len(configs)]
            for c in order:
                sink = {}
                lsp_bench.run_chunk(sessions[c.name], mix.requests(args.block), sink, args.timeout)
                rec = sink.get("textDocument/hover", {"ns": [], "errors": 0, "timeouts": 0})
                if rec["errors"] or rec["timeouts"]:
                    raise RuntimeError("%s: %d errors, %d timeouts" % (c.name, rec["errors"], rec["timeouts"]))
                lat[c.name] += [ns / 1e6 for ns in rec["ns"]]
        gc.enable()
    finally:
        for s in sessions.values():
            s.close()
    return lat


def table(title, lat, names):
    base = stats(lat["direct"]) if "direct" in lat else None
    out = ["#### " + title, "",
           "| config | n | p50 ms | p99 ms | max ms | added p50 | added p99 | requests > 2 ms |",
           "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name in names:
        s = stats(lat[name])
        added = name != "direct" and base is not None
        out.append("| %s | %d | %.3f | %.3f | %.2f | %s | %s | %d |" % (
            name, s["n"], s["p50"], s["p99"], s["max"],
            "%+.3f" % (s["p50"] - base["p50"]) if added else "–",
            "%+.3f" % (s["p99"] - base["p99"]) if added else "–", s["over_2ms"]))
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gopls", default=os.path.join(os.path.dirname(HERE), ".tools", "bin", "gopls"))
    ap.add_argument("--server-cmd", action="append", default=[], metavar="NAME=CMD")
    ap.add_argument("--configs")
    ap.add_argument("--requests", type=int, default=1000, help="measured hovers per configuration and run")
    ap.add_argument("--block", type=int, default=100)
    ap.add_argument("--warmup", type=int, default=500)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    args = ap.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="hotlsp-tail-")
    env = dict(os.environ, GOTOOLCHAIN="local")
    os.makedirs(args.results, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    configs = lsp_bench.build_configs(argparse.Namespace(gopls=args.gopls, server_cmd=args.server_cmd,
                                                         configs=args.configs), tmp)
    names = [c.name for c in configs]
    logs = {n: os.path.join(args.results, "tail-%s-%s.stderr.log" % (stamp, n)) for n in names}
    root = write_workspace(os.path.join(tmp, "ws"))
    daemon_log = open(os.path.join(args.results, "tail-%s-daemon.log" % stamp), "ab")
    runs = []
    try:
        for c in configs:
            c.start_daemon(env, daemon_log)
        for r in range(args.runs):
            log("run %d/%d: %s" % (r + 1, args.runs, ", ".join(names)))
            runs.append(one_run(args, configs, root, env, logs))
    finally:
        for c in configs:
            c.stop_daemon()
        daemon_log.close()
        shutil.rmtree(tmp, ignore_errors=True)
    pooled = {n: [x for run in runs for x in run[n]] for n in names}
    print("### Hover tail on a one-file workspace (%d runs x %d hovers per configuration, blocks of %d, "
          "after %d warm-up hovers)" % (args.runs, args.requests, args.block, args.warmup))
    print()
    for i, run in enumerate(runs):
        print(table("Run %d" % (i + 1), run, names))
        print()
    print(table("All runs pooled", pooled, names))
    path = os.path.join(args.results, "hover-tail-%s.json" % stamp)
    with open(path, "w") as f:
        json.dump({"when": stamp, "configs": {c.name: c.argv for c in configs}, "runs": runs}, f)
    print()
    print("Raw data: %s" % os.path.relpath(path, os.getcwd()))
    return 0


def log(msg):
    print("[hover_tail] " + msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
