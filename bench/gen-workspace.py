#!/usr/bin/env python3
"""Generates a large Go workspace for HotLSP benchmarks (never committed).

Usage: bench/gen-workspace.py DIR [--packages 500] [--files 10] [--commands 4]

Layout: module example.com/big; packages internal/lNN/pMMM arranged in layers of 20, each
importing two packages of the layer below (layer 0 imports only the standard library); commands
cmd/appK each import a slice of the top layer. With the defaults: 500 packages, 5,000 Go files
plus 4 commands, so an edit in a low layer affects every command and one in the top layer only one.
"""
import argparse
import os

LAYER = 20


def package_path(i):
    return f"internal/l{i // LAYER:02d}/p{i:03d}"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--packages", type=int, default=500)
    ap.add_argument("--files", type=int, default=10)
    ap.add_argument("--commands", type=int, default=4)
    a = ap.parse_args()
    root = os.path.abspath(a.dir)
    write(os.path.join(root, "go.mod"), "module example.com/big\n\ngo 1.22\n")
    for i in range(a.packages):
        layer = i // LAYER
        deps = []
        if layer > 0:
            below = (layer - 1) * LAYER
            deps = [below + (i % LAYER), below + ((i * 7 + 3) % LAYER)]
            deps = sorted(set(d for d in deps if d < a.packages))
        name = f"p{i:03d}"
        imports = "".join(f'\t"example.com/big/{package_path(d)}"\n' for d in deps)
        calls = " + ".join([f"p{d:03d}.Value(n)" for d in deps] or ["len(strings.Repeat(\"x\", n%3))"])
        std = '\t"strings"\n' if not deps else ""
        pdir = os.path.join(root, package_path(i))
        write(
            os.path.join(pdir, f"{name}.go"),
            f"// Package {name} is generated.\npackage {name}\n\nimport (\n{std}{imports})\n\n"
            f"// Value combines its dependencies.\nfunc Value(n int) int {{ return {calls} + helper0(n) }}\n",
        )
        for f in range(a.files - 1):
            write(
                os.path.join(pdir, f"f{f}.go"),
                f"package {name}\n\n// T{f} is a generated type.\ntype T{f} struct{{ A, B int }}\n\n"
                f"// Sum adds the fields.\nfunc (t T{f}) Sum() int {{ return t.A + t.B + {f} }}\n\n"
                f"func helper{f}(n int) int {{ return T{f}{{n, {i}}}.Sum() }}\n",
            )
    top = max(0, (a.packages - 1) // LAYER) * LAYER
    tops = list(range(top, a.packages))
    for k in range(a.commands):
        used = tops[k::a.commands] or tops[:1]
        imports = "".join(f'\t"example.com/big/{package_path(d)}"\n' for d in used)
        sums = " + ".join(f"p{d:03d}.Value(1)" for d in used)
        write(
            os.path.join(root, f"cmd/app{k}/main.go"),
            f"// Command app{k} is generated.\npackage main\n\nimport (\n\t\"fmt\"\n\n{imports})\n\n"
            f"func main() {{ fmt.Println({sums}) }}\n",
        )
    print(root)


if __name__ == "__main__":
    main()
