#!/usr/bin/env python3
"""Affected tests on golang.org/x/tools (issue 18): HotLSP's choice vs go list -test -deps, and time.

For each LEAF package (a package of x/tools that imports no other package of the module), on a
copy of golang.org/x/tools@VERSION from the module cache (GOFLAGS=-mod=mod, GOTOOLCHAIN=local):

1. an edit: a comment line appended to the leaf's first non-test Go file;
2. the packages whose tests can see it, by `go list -e -test -deps ./...` (a test binary `P.test`
   whose Deps hold the leaf, or P = the leaf) — the reference;
3. the packages `hotlsp test --affected-by FILE --format json` tests (its `tests.packages`);
4. time to the last result: `hotlsp test --affected-by FILE --isolation local --build-flag -count=1`
   (JVM start, go list of the graph, go test) vs `go test -json -count=1 PKGS` by hand on exactly
   the reference packages, ROUNDS rounds interleaved (which goes first alternates), after one
   untimed warm-up run of each (build cache warm for both).

Usage: python3 bench/affected_tests.py [--hotlsp PATH] [--version v0.40.0] [--leaf internal/diffp]...
       [--rounds 3]
Markdown on stdout, progress on stderr.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MODULE = "golang.org/x/tools"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def env():
    e = dict(os.environ)
    e["GOTOOLCHAIN"] = "local"
    e["GOFLAGS"] = "-mod=mod"
    return e


def json_stream(text):
    dec = json.JSONDecoder()
    i, out = 0, []
    while i < len(text):
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            break
        obj, i = dec.raw_decode(text, i)
        out.append(obj)
    return out


def reference(ws, leaf):
    listed = subprocess.run(["go", "list", "-e", "-test", "-deps", "-json=ImportPath,Deps", "./..."], cwd=ws,
                            env=env(), capture_output=True, text=True, check=True).stdout
    out = set()
    for o in json_stream(listed):
        path = o["ImportPath"]
        if path.endswith(".test"):
            pkg = path[: -len(".test")]
            deps = {d.split(" ")[0] for d in o.get("Deps", [])}
            if pkg == leaf or leaf in deps:
                out.add(pkg)
    return sorted(out)


def timed(cmd, cwd):
    start = time.monotonic()
    run = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True)
    return time.monotonic() - start, run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hotlsp", default=os.path.join(ROOT, "hotlsp"))
    ap.add_argument("--version", default="v0.40.0")
    ap.add_argument("--leaf", action="append")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    leaves = args.leaf or ["internal/diffp", "internal/gopathwalk"]
    cache = subprocess.run(["go", "env", "GOMODCACHE"], env=env(), capture_output=True, text=True,
                           check=True).stdout.strip()
    src = os.path.join(cache, "golang.org", "x", "tools@" + args.version)
    if not os.path.isdir(src):
        subprocess.run(["go", "mod", "download", MODULE + "@" + args.version], env=env(), check=True)
    tmp = tempfile.mkdtemp(prefix="affected-tests-")
    ws = os.path.join(tmp, "tools")
    try:
        shutil.copytree(src, ws)
        subprocess.run(["chmod", "-R", "u+w", ws], check=True)
        rows = []
        for leaf_rel in leaves:
            leaf = MODULE + "/" + leaf_rel
            d = os.path.join(ws, leaf_rel)
            f = sorted(n for n in os.listdir(d) if n.endswith(".go") and not n.endswith("_test.go"))[0]
            path = os.path.join(d, f)
            with open(path, "a") as fh:
                fh.write("\n// an edit for bench/affected_tests.py\n")
            ref = reference(ws, leaf)
            log(f"{leaf}: go list -test -deps: {len(ref)} packages")
            hot_cmd = [args.hotlsp, "test", "--workspace", ws, "--affected-by", path, "--isolation", "local",
                       "--build-flag", "-count=1"]
            t, run = timed(hot_cmd + ["--format", "json"], ws)
            picked = sorted(p["importPath"] for p in json.loads(run.stdout)["tests"]["packages"])
            log(f"{leaf}: hotlsp picked {len(picked)} (exit {run.returncode}, {t:.1f}s, warm-up)")
            go_cmd = ["go", "test", "-json", "-count=1"] + ref
            t, _ = timed(go_cmd, ws)
            log(f"  go test warm-up {t:.1f}s")
            hot, go = [], []
            for r in range(args.rounds):
                order = [("hotlsp", hot_cmd), ("go", go_cmd)] if r % 2 == 0 else [("go", go_cmd), ("hotlsp", hot_cmd)]
                for name, cmd in order:
                    t, _ = timed(cmd, ws)
                    (hot if name == "hotlsp" else go).append(t)
                    log(f"  round {r + 1} {name}: {t:.2f}s")
            rows.append((leaf_rel, len(ref), len(picked), sorted(set(ref) - set(picked)), sorted(set(picked) - set(ref)),
                         hot, go))
        print("| leaf edited | go list -test -deps | HotLSP picks | missed | extra | hotlsp test --affected-by median (s) | go test by hand median (s) | ratio |")
        print("|---|---:|---:|---|---|---:|---:|---:|")
        for leaf, nref, npick, missed, extra, hot, go in rows:
            mh, mg = statistics.median(hot), statistics.median(go)
            print(f"| `{leaf}` | {nref} | {npick} | {', '.join(missed) or 'none'} | {', '.join(extra) or 'none'} "
                  f"| {mh:.2f} ({', '.join(f'{x:.2f}' for x in hot)}) | {mg:.2f} ({', '.join(f'{x:.2f}' for x in go)}) "
                  f"| {mh / mg:.2f} |")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
