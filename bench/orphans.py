#!/usr/bin/env python3
"""Orphan seconds: how long HotLSP's descendants outlive it when it is killed during a build.

Starts `./hotlsp serve` on a copy of a test workspace to whose main package it adds a generated
file of N functions with a fresh constant (so go build runs one compile for ~10 s on two cores,
never from the cache), waits until a `compile` process runs under it, records every descendant,
sends SIGNAL to java, then reports how long each recorded process stayed alive after the signal,
and every file left in its TMPDIR (a fresh one: go's go-build* work dirs, args* response files).

  python3 bench/orphans.py --signal KILL [--workspace httpserver] [--funcs 15000] [--after 2] [--timeout 90]
"""
import argparse, json, os, shutil, signal, subprocess, sys, tempfile, time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def frame(obj):
    body = json.dumps(obj).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def stat(pid):
    """(ppid, state, starttime, comm) of pid, or None when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            text = f.read()
    except OSError:
        return None
    comm = text[text.index("(") + 1:text.rindex(")")]
    fields = text[text.rindex(")") + 2:].split()
    return int(fields[1]), fields[0], int(fields[19]), comm


def descendants(root):
    children = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            s = stat(int(name))
            if s:
                children.setdefault(s[0], []).append(int(name))
    out, queue = [], [root]
    while queue:
        for c in children.get(queue.pop(), []):
            out.append(c)
            queue.append(c)
    return out


def alive(pid, start):
    s = stat(pid)
    return s is not None and s[2] == start and s[1] != "Z"


def leftovers(tmpdir):
    """Every file or directory under tmpdir (go's go-build* work dirs and args* response files)."""
    return {os.path.join(d, n) for d, dirs, files in os.walk(tmpdir) for n in dirs + files}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--signal", default="KILL")
    p.add_argument("--workspace", default="httpserver")
    p.add_argument("--timeout", type=float, default=90)
    p.add_argument("--after", type=float, default=2, help="seconds to let the build run after the first compile")
    p.add_argument("--funcs", type=int, default=15000, help="functions in the generated file")
    a = p.parse_args()
    sig = getattr(signal, "SIG" + a.signal)
    tmp = tempfile.mkdtemp(prefix="orphans-")
    ws = os.path.join(tmp, "ws")
    shutil.copytree(os.path.join(REPO, "test-workspaces", a.workspace), ws)
    nonce = time.time_ns()
    with open(os.path.join(ws, "zz_generated.go"), "w") as f:
        f.write("package main\n\nconst nonce = %d\n" % nonce)
        for i in range(a.funcs):
            f.write(f"func f{i}(x int) int {{ s := 0; for j := 0; j < x; j++ {{ if j%3 == {i % 3} {{ s += j * {i} }}"
                    f" else {{ s -= j }} }}; return s + {i} + nonce }}\n")
    gocache = subprocess.run(["go", "env", "GOCACHE"], capture_output=True, text=True,
                             env=dict(os.environ, GOTOOLCHAIN="local")).stdout.strip()
    env = dict(os.environ, GOTOOLCHAIN="local", GOCACHE=gocache,
               XDG_CACHE_HOME=os.path.join(tmp, "xdg"), TMPDIR=os.path.join(tmp, "t"),
               PATH=os.path.join(REPO, ".tools/bin") + ":/usr/local/go/bin:" + os.environ.get("PATH", ""))
    os.mkdir(env["TMPDIR"])
    before = leftovers(env["TMPDIR"])
    proxy = subprocess.Popen([os.path.join(REPO, "hotlsp"), "serve"], cwd=ws, env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    uri = "file://" + ws
    proxy.stdin.write(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
        "processId": os.getpid(), "rootUri": uri, "capabilities": {},
        "workspaceFolders": [{"uri": uri, "name": "ws"}]}}))
    proxy.stdin.write(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    proxy.stdin.flush()
    deadline = time.time() + 120
    while time.time() < deadline:
        procs = {pid: stat(pid) for pid in descendants(proxy.pid)}
        if any(s and s[3] == "compile" for s in procs.values()):
            break
        time.sleep(0.05)
    else:
        sys.exit("no compile process within 120 s")
    time.sleep(a.after)
    procs = {pid: stat(pid) for pid in descendants(proxy.pid)}
    recorded = {pid: s for pid, s in procs.items() if s}
    t0 = time.time()
    os.kill(proxy.pid, sig)
    proxy.wait()
    last_alive = {pid: 0.0 for pid in recorded}
    while time.time() - t0 < a.timeout:
        living = [pid for pid, s in recorded.items() if alive(pid, s[2])]
        for pid in living:
            last_alive[pid] = time.time() - t0
        if not living:
            break
        time.sleep(0.02)
    by_comm = {}
    for pid, s in recorded.items():
        by_comm[s[3]] = max(by_comm.get(s[3], 0.0), last_alive[pid])
    left = sorted(leftovers(env["TMPDIR"]) - before)
    print(json.dumps({"signal": a.signal, "recorded": sorted(s[3] for s in recorded.values()),
                      "max_orphan_seconds": round(max(last_alive.values()), 2),
                      "orphan_seconds_by_command": {k: round(v, 2) for k, v in sorted(by_comm.items())},
                      "still_alive_after_timeout": [f"{pid} {recorded[pid][3]}" for pid in recorded
                                                    if alive(pid, recorded[pid][2])],
                      "leftover_files": left}, indent=1))
    for pid, s in recorded.items():
        if alive(pid, s[2]):
            os.kill(pid, signal.SIGKILL)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
