#!/usr/bin/env python3
"""Crash-recovery benchmark: how long the editor waits for answers after gopls dies under the proxy.

Starts the proxy (default `<repo>/hotlsp serve`) on the benchmark workspace, opens one file,
then N times: SIGKILLs the gopls child of the proxy (found through /proc), and immediately
sends hover requests in a loop until one comes back with a non-error, non-null result.
Reports the median time from the kill to that answer (plus every sample), and raw JSON in
bench/results/. Note a proxy's crash policy may back off or give up after several crashes
within a window: use --pause to space the kills, and read the per-kill samples.
"""
import argparse
import json
import os
import shlex
import statistics
import signal
import sys
import tempfile
import shutil
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lsp  # noqa: E402
import workspace  # noqa: E402
from lsp_bench import Config, initialize_params  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def gopls_children(proxy_pid, name):
    """Processes named `name` under the proxy: its direct children first, else any descendant."""
    direct = [p for p in lsp.children_of(proxy_pid) if lsp.proc_name(p) == name]
    return direct or [p for p in lsp.descendants(proxy_pid) if lsp.proc_name(p) == name]


def wait_for_child(proxy_pid, name, exclude, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [p for p in gopls_children(proxy_pid, name) if p not in exclude]
        if found:
            return found[0]
        time.sleep(0.01)
    raise lsp.LspTimeout("no %s child of pid %d within %.0f s" % (name, proxy_pid, timeout))


def hover_target(path, needle):
    """(line, character) of the middle of the first `needle` in the file."""
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f.read().split("\n")):
            col = line.find(needle)
            if col >= 0:
                return i, lsp.utf16_len(line[:col + len(needle) // 2])
    raise ValueError("%r not found in %s" % (needle, path))


def recover(proc, params, timeout, attempt_timeout, retry_delay):
    """Hovers until a non-null, non-error answer; returns (hovers sent, other answers seen).

    A hover unanswered after attempt_timeout stays outstanding (its late answer still counts)
    while another is sent, so a request the proxy lost does not stall the measurement.
    """
    deadline = time.monotonic() + timeout
    sent, codes, outstanding = 0, {}, set()
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise lsp.LspTimeout("no answer within %.0f s after the kill (%d hovers sent, answers: %s)"
                                 % (timeout, sent, codes or "none"))
        if not outstanding or len(outstanding) < 20:
            rid, _ = proc.send_request("textDocument/hover", params)
            outstanding.add(rid)
            sent += 1
        try:
            msg = proc.wait_any(outstanding, min(remaining, attempt_timeout))
        except lsp.LspTimeout:
            codes["timeout"] = codes.get("timeout", 0) + 1
            continue
        outstanding.discard(msg.get("id"))
        if "error" in msg:
            code = str(msg["error"].get("code"))
            codes[code] = codes.get(code, 0) + 1
        elif msg.get("result"):
            return sent, codes
        else:
            codes["null"] = codes.get("null", 0) + 1
        time.sleep(retry_delay)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--server-cmd", default="%s serve" % os.path.join(ROOT, "hotlsp"),
                    help="the proxy's command line (default: %(default)s)")
    ap.add_argument("--child-name", default="gopls", help="executable name of the child to kill")
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--pause", type=float, default=1.0, help="seconds between an answer and the next kill")
    ap.add_argument("--timeout", type=float, default=60.0, help="per kill: seconds to wait for an answer")
    ap.add_argument("--attempt-timeout", type=float, default=2.0,
                    help="seconds before another hover is sent while earlier ones are unanswered")
    ap.add_argument("--retry-delay", type=float, default=0.001,
                    help="seconds between an error answer and the next hover (keeps a failing proxy from being flooded)")
    ap.add_argument("--workspace", help="existing Go workspace (default: the generated benchmark workspace)")
    ap.add_argument("--file", default="cmd/app/main.go", help="file to open, relative to the workspace")
    ap.add_argument("--hover", default="readRows(text", help="text whose first occurrence in --file is hovered")
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    args = ap.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="hotlsp-crash-")
    root = os.path.abspath(args.workspace) if args.workspace else workspace.build(os.path.join(tmp, "ws"))
    os.makedirs(args.results, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    config = Config("proxy", shlex.split(args.server_cmd))
    path = os.path.join(root, args.file)
    uri = lsp.file_uri(path)
    line, ch = hover_target(path, args.hover)
    params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": ch}}
    diagnosed = set()
    proc = lsp.LspProcess(config.argv, cwd=root, env=dict(os.environ, GOTOOLCHAIN="local"),
                          stderr_path=os.path.join(args.results, "crash-%s.stderr.log" % stamp),
                          on_notification=lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and diagnosed.add((m.get("params") or {}).get("uri")))
    samples, failures = [], []
    try:
        msg, _ = proc.request("initialize", initialize_params(root), timeout=120)
        if "error" in msg:
            raise RuntimeError("initialize failed: %s" % msg["error"])
        proc.notify("initialized", {})
        with open(path, encoding="utf-8") as f:
            proc.notify("textDocument/didOpen",
                        {"textDocument": {"uri": uri, "languageId": "go", "version": 1, "text": f.read()}})
        proc.wait_until(lambda: uri in diagnosed, 120, "diagnostics for %s" % args.file)
        recover(proc, params, args.timeout, args.attempt_timeout, args.retry_delay)
        log("proxy pid %d; hover at %s:%d:%d answers; killing %s %d times"
            % (proc.pid, args.file, line + 1, ch + 1, args.child_name, args.kills))
        killed = []
        for i in range(args.kills):
            try:
                child = wait_for_child(proc.pid, args.child_name, killed, args.timeout)
            except lsp.LspTimeout as e:
                failures.append({"kill": i + 1, "pid": None, "error": "%s (did the proxy stop restarting?)" % e})
                log("before kill %d: %s" % (i + 1, failures[-1]["error"]))
                break
            t0 = time.perf_counter_ns()
            os.kill(child, signal.SIGKILL)
            killed.append(child)
            try:
                attempts, codes = recover(proc, params, args.timeout, args.attempt_timeout, args.retry_delay)
            except (lsp.LspTimeout, lsp.LspClosed) as e:
                failures.append({"kill": i + 1, "pid": child, "error": str(e)})
                log("kill %d (pid %d): %s" % (i + 1, child, e))
                if isinstance(e, lsp.LspClosed):
                    break
                continue
            ms = (time.perf_counter_ns() - t0) / 1e6
            samples.append({"kill": i + 1, "pid": child, "ms": ms, "attempts": attempts, "answers_before": codes})
            log("kill %d (pid %d): answered after %.1f ms, %d hover(s), earlier answers %s"
                % (i + 1, child, ms, attempts, codes or "none"))
            time.sleep(args.pause)
    finally:
        proc.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    times = sorted(s["ms"] for s in samples)
    report = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "command": config.argv,
              "kills": args.kills, "pause_s": args.pause, "samples": samples, "failures": failures,
              "median_ms": statistics.median(times) if times else None,
              "min_ms": times[0] if times else None, "max_ms": times[-1] if times else None}
    out = os.path.join(args.results, "crash-%s.json" % stamp)
    with open(out, "w") as f:
        json.dump(report, f, indent=1)
    print("### Crash recovery: SIGKILL gopls under `%s`, time to the first answered hover" % " ".join(config.argv))
    print()
    print("| kills | answered | median ms | min ms | max ms | per kill (ms) |")
    print("|---:|---:|---:|---:|---:|---|")
    print("| %d | %d | %s | %s | %s | %s |" % (
        args.kills, len(samples), *("n/a" if x is None else "%.0f" % x
                                    for x in (report["median_ms"], report["min_ms"], report["max_ms"])),
        ", ".join("#%d %.0f" % (s["kill"], s["ms"]) for s in samples) or "–"))
    if failures:
        print()
        print("Not recovered: " + "; ".join("#%d %s" % (f["kill"], f["error"]) for f in failures))
    print()
    print("Raw data: %s" % os.path.relpath(out, os.getcwd()))
    return 0 if samples and not failures else 1


def log(msg):
    print("[crash_recovery] " + msg, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
