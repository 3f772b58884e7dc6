#!/usr/bin/env python3
"""Pure pipe benchmark: a trivial echo LSP server (bench/echo_server.py), direct and behind proxies.

For each configuration: initialize time; sequential `echo` round trips with 1 KiB params
(p50/p99); pipelined throughput with a window of outstanding requests: messages/s for
1 KiB params and MiB/s for 4 MiB params (payload MiB echoed per second). Also VmRSS/VmHWM
of the process the client talks to. Raw data goes to bench/results/.
"""
import argparse
import gc
import json
import os
import shlex
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ECHO_CMD = "%s %s" % (sys.executable, os.path.join(HERE, "echo_server.py"))


def echo_frame(rid, payload_json):
    body = b'{"jsonrpc":"2.0","id":%d,"method":"echo","params":{"data":%s}}' % (rid, payload_json)
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def payload(size):
    """A JSON string literal whose encoded params are `size` bytes long, give or take the key."""
    return json.dumps("x" * size).encode()


def pipelined(proc, count, size, window, timeout):
    """Sends count echo requests with at most window outstanding; returns (seconds, verified)."""
    data = payload(size)
    slots = threading.Semaphore(window)
    errors = []
    first_id = proc.next_id
    proc.next_id += count

    def writer():
        try:
            for i in range(count):
                if not slots.acquire(timeout=timeout):
                    errors.append("writer timed out waiting for a window slot")
                    return
                proc.write_raw(echo_frame(first_id + i, data))
        except OSError as e:
            errors.append("write failed: %s" % e)

    t0 = time.perf_counter()
    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    received, verified = 0, 0
    deadline = time.monotonic() + timeout
    while received < count:
        body, _ = proc.reader.read(max(0.001, deadline - time.monotonic()))
        if len(body) < 65536 or received in (0, count - 1):
            msg = json.loads(body)
            if not proc.handle_incoming(msg):
                continue
            if "error" in msg:
                raise RuntimeError("echo failed: %s" % msg["error"])
            if msg.get("result", {}).get("data") == "x" * size:
                verified += 1
        received += 1
        slots.release()
    elapsed = time.perf_counter() - t0
    thread.join(timeout=timeout)
    if errors:
        raise RuntimeError(errors[0])
    return elapsed, verified


def sequential(proc, count, size, timeout):
    params = {"data": "x" * size}
    out = []
    for _ in range(count):
        msg, ns = proc.request("echo", params, timeout=timeout)
        if "error" in msg or msg.get("result") != params:
            raise RuntimeError("bad echo answer: %.200s" % json.dumps(msg))
        out.append(ns)
    return out


def start(argv, log_path):
    proc = lsp.LspProcess(argv, stderr_path=log_path)
    msg, _ = proc.request("initialize", {"processId": os.getpid(), "rootUri": None, "capabilities": {}},
                          timeout=60)
    init_ms = (time.perf_counter_ns() - proc.t_spawn) / 1e6
    if "error" in msg:
        raise RuntimeError("initialize failed: %s" % msg["error"])
    proc.notify("initialized", {})
    return proc, init_ms


def fmt(x, d=2):
    return "n/a" if x is None else "%.*f" % (d, x)


def markdown(report):
    names = report["configs"]
    base = names[0]
    out = ["### Pure pipe: echo server (`bench/echo_server.py`), %s as baseline" % base, "",
           "| config | initialize ms (median) | 1 KiB round trip p50 ms | p99 ms | added p50 | added p99 "
           "| 1 KiB msgs/s (window %d) | ratio | 4 MiB MiB/s (window %d) | ratio | max VmRSS MiB | VmHWM MiB |"
           % (report["window_small"], report["window_large"]),
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    b = report["results"][base]
    for name in names:
        r = report["results"][name]
        same = name == base
        out.append("| %s | %s | %s | %s | %s | %s | %.0f | %s | %.1f | %s | %s | %s |" % (
            name, fmt(r["init_ms_median"], 1), fmt(r["seq"]["p50"], 3), fmt(r["seq"]["p99"], 3),
            "–" if same else "%+.3f" % (r["seq"]["p50"] - b["seq"]["p50"]),
            "–" if same else "%+.3f" % (r["seq"]["p99"] - b["seq"]["p99"]),
            r["small_msgs_per_s"], fmt(r["small_msgs_per_s"] / b["small_msgs_per_s"]),
            r["large_mib_per_s"], fmt(r["large_mib_per_s"] / b["large_mib_per_s"]),
            fmt(r["rss"]["max_vmrss_kib"] / 1024, 1), fmt(r["rss"]["vmhwm_kib"] / 1024, 1)))
    return "\n".join(out)


def median(v):
    return statistics.median(v) if v else None


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server-cmd", action="append", default=[], metavar="NAME=CMD",
                    help="a configuration besides `direct` (the echo server itself); the string {echo} is "
                         "replaced by the echo server's command line, e.g. "
                         "hotlsp='OTHER/hotlsp serve --gopls \"{echo}\"'")
    ap.add_argument("--seq", type=int, default=5000, help="sequential 1 KiB round trips measured")
    ap.add_argument("--small", type=int, default=20000, help="pipelined 1 KiB messages per round")
    ap.add_argument("--large", type=int, default=40, help="pipelined 4 MiB messages per round")
    ap.add_argument("--window-small", type=int, default=64)
    ap.add_argument("--window-large", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3, help="throughput rounds per configuration (interleaved)")
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    args = ap.parse_args(argv)

    configs = [("direct", shlex.split(ECHO_CMD))]
    for spec in args.server_cmd:
        name, sep, cmd = spec.partition("=")
        if not sep:
            raise SystemExit("--server-cmd wants NAME=CMD, got %r" % spec)
        configs.append((name, shlex.split(cmd.replace("{echo}", ECHO_CMD))))
    os.makedirs(args.results, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    procs, samplers = {}, {}
    res = {name: {"init_ms": [], "small_s": [], "large_s": []} for name, _ in configs}
    try:
        for name, argv_ in configs:
            log("starting %s: %s" % (name, " ".join(argv_)))
            procs[name], init_ms = start(argv_, os.path.join(args.results, "pipe-%s-%s.stderr.log" % (stamp, name)))
            res[name]["init_ms"].append(init_ms)
            samplers[name] = lsp.RssSampler(procs[name].pid).start()
        gc.collect()
        gc.disable()  # no client-side collector pauses inside measurements
        for name, _ in configs:
            p = procs[name]
            sequential(p, 500, 1024, args.timeout)
            pipelined(p, 2000, 1024, args.window_small, args.timeout)
            pipelined(p, 4, 4 << 20, args.window_large, args.timeout)
        seq = {name: [] for name, _ in configs}
        for k in range(0, args.seq, 100):  # interleaved, so machine noise falls on every configuration
            order = configs[(k // 100) % len(configs):] + configs[:(k // 100) % len(configs)]
            for name, _ in order:
                seq[name] += sequential(procs[name], min(100, args.seq - k), 1024, args.timeout)
        for name, _ in configs:
            res[name]["seq"] = lsp.summarize_ns(seq[name])
            log("%s: sequential 1 KiB p50 %.3f ms, p99 %.3f ms" % (name, res[name]["seq"]["p50"],
                                                                  res[name]["seq"]["p99"]))
        for rnd in range(args.rounds):
            for name, _ in configs:
                s, v1 = pipelined(procs[name], args.small, 1024, args.window_small, args.timeout)
                res[name]["small_s"].append(s)
                s2, v2 = pipelined(procs[name], args.large, 4 << 20, args.window_large, args.timeout)
                res[name]["large_s"].append(s2)
                log("round %d %s: %.0f msgs/s (%d verified), %.1f MiB/s (%d verified)" % (
                    rnd + 1, name, args.small / s, v1, args.large * 4 / s2, v2))
        gc.enable()
        for name, _ in configs:
            r = res[name]
            r["rss"] = samplers[name].stop()
            r["rss"]["process"] = lsp.proc_name(procs[name].pid)
            r["small_msgs_per_s"] = args.small / median(r["small_s"])
            r["large_mib_per_s"] = args.large * 4 / median(r["large_s"])
        # Start-up: a few fresh processes per configuration, round-robin.
        for _ in range(4):
            for name, argv_ in configs:
                p, init_ms = start(argv_, os.path.join(args.results, "pipe-%s-%s.stderr.log" % (stamp, name)))
                p.shutdown()
                res[name]["init_ms"].append(init_ms)
        for name, _ in configs:
            res[name]["init_ms_median"] = median(res[name]["init_ms"])
        report = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "cpus": os.cpu_count(),
                  "configs": [n for n, _ in configs], "commands": {n: a for n, a in configs},
                  "window_small": args.window_small, "window_large": args.window_large,
                  "small": args.small, "large": args.large, "results": res}
        path = os.path.join(args.results, "pipe-%s.json" % stamp)
        with open(path, "w") as f:
            json.dump(report, f, indent=1)
        print(markdown(report))
        print()
        print("Raw data: %s" % os.path.relpath(path, os.getcwd()))
        return 0
    finally:
        for s in samplers.values():
            s.cancel()
        for p in procs.values():
            p.shutdown()


def log(msg):
    print("[pipe_bench] " + msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
