#!/usr/bin/env python3
"""Memory of `hotlsp run` reading a crash too big to hold (issue 16 §2).

Each case runs `hotlsp run --workspace <copy of test-workspaces/crashers> . -- MODE N` once, the
program's stdout and stderr (and HotLSP's) going to files, and reports the java process's VmHWM
(peak RSS, /proc/PID/status, sampled every 20 ms), the wall time, whether the run ended by itself
within the deadline, and the finding HotLSP printed (its place and the end of its message).
Cases (crashers modes):

  panic-600MB   hugepanic 600000000   one `panic: ` line of 600,000,000 bytes
  panic-200MB   hugepanic 200000000
  dump-1M       manygoroutines 1000000   a panic's dump of 1,000,000 goroutines (~200 MB)
  dump-3M       manygoroutines 3000000

Usage: python3 bench/crash_memory.py [--hotlsp PATH] [--cases a,b] [--deadline SECONDS]
A run still going at the deadline (the JVM out of memory) is killed and reported as such.
Markdown table on stdout, progress on stderr.
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

from lsp import proc_status_kib  # noqa: E402

CASES = {
    "panic-600MB": ["hugepanic", "600000000"],
    "panic-200MB": ["hugepanic", "200000000"],
    "dump-1M": ["manygoroutines", "1000000"],
    "dump-3M": ["manygoroutines", "3000000"],
}


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def java_child(pid):
    """The java process: the launcher execs it, so it is pid itself once it has."""
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return pid if b"java" in f.read().split(b"\0")[0] else None
    except OSError:
        return None


def tail(path, n=4 << 20):
    with open(path, "rb") as f:
        f.seek(max(0, os.path.getsize(path) - n))
        return f.read().decode("utf-8", "replace").splitlines()


def one(hotlsp, workspace, args, deadline, tmp):
    err_path = os.path.join(tmp, "stderr")
    env = dict(os.environ, GOTOOLCHAIN="local")
    with open(os.devnull, "wb") as out, open(err_path, "wb") as err:
        start = time.monotonic()
        p = subprocess.Popen([hotlsp, "run", "--workspace", workspace, ".", "--"] + args,
                             stdout=out, stderr=err, env=env, start_new_session=True)
        hwm = 0
        ended = True
        while p.poll() is None:
            if java_child(p.pid):
                hwm = max(hwm, proc_status_kib(p.pid, "VmHWM") or 0)
            if time.monotonic() - start > deadline:
                ended = False
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
                break
            time.sleep(0.02)
        wall = time.monotonic() - start
    lines = tail(err_path)
    finding = next((l for l in lines if ": error: " in l and l.endswith("]")), "")
    log("  raw finding: %d chars, ends %r" % (len(finding), finding[-60:]))
    if len(finding) > 160:
        finding = finding[:60] + " … " + finding[-80:]
    summary = next((l for l in reversed(lines) if l.startswith("hotlsp: ")), "")
    return hwm, wall, ended, p.returncode, finding, summary


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hotlsp", default=os.path.join(ROOT, "hotlsp"))
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--deadline", type=float, default=180)
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="crash-memory-") as tmp:
        workspace = os.path.join(tmp, "crashers")
        shutil.copytree(os.path.join(ROOT, "test-workspaces", "crashers"), workspace)
        for name in a.cases.split(","):
            log("case", name, "...")
            hwm, wall, ended, code, finding, summary = one(a.hotlsp, workspace, CASES[name], a.deadline, tmp)
            log("  VmHWM %d MiB, %.1f s, ended=%s, exit %s" % (hwm // 1024, wall, ended, code))
            rows.append((name, " ".join(CASES[name]), hwm // 1024, wall, ended, code, finding, summary))
    print("| case | program | java VmHWM | wall | ended by itself | exit | finding |")
    print("|---|---|---:|---:|---|---:|---|")
    for name, prog, hwm, wall, ended, code, finding, summary in rows:
        print("| %s | `%s` | %d MiB | %.1f s | %s | %s | %s |" % (
            name, prog, hwm, wall, "yes" if ended else "no (killed at the deadline)", code,
            ("`" + finding.replace("|", "\\|") + "`") if finding else "none"))


if __name__ == "__main__":
    main()
