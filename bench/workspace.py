"""Builds the benchmark Go workspace and picks real positions for the request mix.

The workspace is a module `bench.example/ws` holding copies of a few standard-library
packages that import only public std packages (about 5,500 lines of real Go), plus a
main package that calls into them, so hover/definition/completion hit real identifiers
and cross-package references.
"""
import os
import random
import re
import shutil
import subprocess

from lsp import utf16_len

MODULE = "bench.example/ws"
STD_PACKAGES = ["text/template/parse", "go/token", "encoding/csv", "text/tabwriter", "container/list"]

MAIN_GO = '''package main

import (
	"fmt"
	"os"
	"strings"

	"bench.example/ws/csv"
	"bench.example/ws/list"
	"bench.example/ws/parse"
	"bench.example/ws/tabwriter"
	"bench.example/ws/token"
)

// Row is one parsed CSV record with its line number.
type Row struct {
	Line   int
	Fields []string
}

func readRows(text string) ([]Row, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.FieldsPerRecord = -1
	var rows []Row
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		line, _ := r.FieldPos(0)
		rows = append(rows, Row{Line: line, Fields: rec})
	}
	return rows, nil
}

func queue(rows []Row) *list.List {
	l := list.New()
	for _, row := range rows {
		l.PushBack(row)
	}
	return l
}

func positions(src string) []token.Position {
	fset := token.NewFileSet()
	file := fset.AddFile("input.txt", -1, len(src))
	var out []token.Position
	for i, c := range src {
		if c == '\\n' {
			file.AddLine(i + 1)
			out = append(out, fset.Position(file.Pos(i)))
		}
	}
	return out
}

func templates(text string) (map[string]*parse.Tree, error) {
	funcs := map[string]any{"upper": strings.ToUpper}
	return parse.Parse("main", text, "{{", "}}", funcs)
}

func main() {
	rows, err := readRows("a,b,c\\n1,2,3\\n")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 8, 1, ' ', tabwriter.AlignRight)
	for e := queue(rows).Front(); e != nil; e = e.Next() {
		row := e.Value.(Row)
		fmt.Fprintf(w, "%d\\t%s\\t\\n", row.Line, strings.Join(row.Fields, "\\t"))
	}
	w.Flush()
	trees, err := templates("{{.Name | upper}}")
	if err == nil {
		for name, tree := range trees {
			fmt.Println(name, tree.Root.String())
		}
	}
	fmt.Println(len(positions("x\\ny\\n")))
}
'''


def go_version():
    out = subprocess.run(["go", "env", "GOVERSION", "GOROOT"], capture_output=True, text=True, check=True,
                         env=dict(os.environ, GOTOOLCHAIN="local")).stdout.split()
    return out[0], out[1]


def build(dest):
    """Writes the workspace into dest (replaced if present); returns its absolute path."""
    version, goroot = go_version()
    m = re.match(r"go(\d+)\.(\d+)", version)
    dest = os.path.abspath(dest)
    shutil.rmtree(dest, ignore_errors=True)
    os.makedirs(dest)
    with open(os.path.join(dest, "go.mod"), "w") as f:
        f.write("module %s\n\ngo %s.%s\n" % (MODULE, m.group(1), m.group(2)))
    for pkg in STD_PACKAGES:
        src = os.path.join(goroot, "src", pkg)
        out = os.path.join(dest, os.path.basename(pkg))
        os.makedirs(out)
        for name in sorted(os.listdir(src)):
            if name.endswith(".go") and not name.endswith("_test.go"):
                shutil.copyfile(os.path.join(src, name), os.path.join(out, name))
    os.makedirs(os.path.join(dest, "cmd", "app"))
    with open(os.path.join(dest, "cmd", "app", "main.go"), "w") as f:
        f.write(MAIN_GO)
    return dest


def go_files(root):
    out = []
    for d, _, names in os.walk(root):
        out.extend(os.path.join(d, n) for n in names if n.endswith(".go"))
    return sorted(out)


KEYWORDS = set("""break default func interface select case defer go map struct chan else goto package switch
const fallthrough if range type continue for import return var _""".split())
# Strips comments, strings and rune literals (replaced by spaces so columns stay put).
_NOISE = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|`[^`]*`|\'(?:\\.|[^\'\\\n])+\'', re.S)
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SELECTOR = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\.(?=[A-Za-z_])")


def _blank(m):
    return "".join("\n" if c == "\n" else " " for c in m.group(0))


def positions(path):
    """Returns (identifier positions, completion positions) as (line, utf16 character) lists."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    clean = _NOISE.sub(_blank, text)
    idents, dots = [], []
    for lineno, (line, orig) in enumerate(zip(clean.split("\n"), text.split("\n"))):
        stripped = line.lstrip()
        if stripped.startswith("package ") or stripped.startswith("import "):
            continue
        for m in _IDENT.finditer(line):
            if m.group(0) not in KEYWORDS and not m.group(0)[0].isdigit():
                if m.start() > 0 and line[m.start() - 1].isdigit():
                    continue
                mid = m.start() + len(m.group(0)) // 2
                idents.append((lineno, utf16_len(orig[:mid])))
        for m in _SELECTOR.finditer(line):
            dots.append((lineno, utf16_len(orig[:m.end()])))
    return idents, dots


class RequestMix:
    """A fixed, seeded sequence of (method, params) requests over the workspace's files."""

    METHODS = ["textDocument/hover", "textDocument/definition", "textDocument/documentSymbol",
               "textDocument/completion"]

    def __init__(self, root, seed=1):
        self.files = go_files(root)
        self.uris = {p: "file://" + p for p in self.files}
        self.idents, self.dots = [], []
        for p in self.files:
            ids, dots = positions(p)
            self.idents.extend((p, l, c) for l, c in ids)
            self.dots.extend((p, l, c) for l, c in dots)
        self.rng = random.Random(seed)

    def texts(self):
        for p in self.files:
            with open(p, encoding="utf-8") as f:
                yield self.uris[p], f.read()

    def generate(self, n):
        out = []
        for i in range(n):
            method = self.METHODS[i % len(self.METHODS)]
            if method == "textDocument/documentSymbol":
                p = self.rng.choice(self.files)
                params = {"textDocument": {"uri": self.uris[p]}}
            else:
                p, line, ch = self.rng.choice(self.dots if method == "textDocument/completion" else self.idents)
                params = {"textDocument": {"uri": self.uris[p]}, "position": {"line": line, "character": ch}}
            out.append((method, params))
        return out

    def sample(self, pool, n):
        """n requests drawn from pool, keeping the method rotation (hover, definition, ...)."""
        by_method = {m: [r for r in pool if r[0] == m] for m in self.METHODS}
        return [self.rng.choice(by_method[self.METHODS[i % len(self.METHODS)]]) for i in range(n)]
