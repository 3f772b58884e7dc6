// The Test Explorer's pure part: which listed functions become items, how an item's children are
// brought up to date, the `go test -run` regex of a selection, and the test functions of a file.
// No vscode import (tested in plain Node).
import type { ListedPackage, ListedTest } from './protocol';

/** The kinds `hotlsp.test` can run: `-run` selects tests, fuzz targets (their seed corpus) and examples, not benchmarks. */
export const RUNNABLE_KINDS: readonly ListedTest['kind'][] = ['test', 'fuzz', 'example'];

/** A package and the tests of it the explorer shows, as HotLSP listed them (benchmarks left out). */
export function runnablePackages(listed: ListedPackage[]): ListedPackage[] {
  return listed
    .map((p) => ({ ...p, tests: p.tests.filter((t) => RUNNABLE_KINDS.includes(t.kind)) }))
    .filter((p) => p.tests.length > 0);
}

/** What to do to a parent's children to show `wanted`: each child is an id and the file it lives in. */
export interface ChildrenDiff {
  /** ids to create */
  add: string[];
  /** ids to delete (gone, or moved to another file: an item's file cannot change) */
  remove: string[];
  /** ids to keep, with their results and children (subtests) */
  keep: string[];
}

/** The diff of a parent's children (`existing`: id → file URI) against the wanted ones. */
export function diffChildren(existing: ReadonlyMap<string, string | undefined>,
  wanted: readonly { id: string; uri?: string }[]): ChildrenDiff {
  const diff: ChildrenDiff = { add: [], remove: [], keep: [] };
  const wantedIds = new Map(wanted.map((w) => [w.id, w.uri]));
  for (const [id, uri] of existing) {
    if (!wantedIds.has(id)) {
      diff.remove.push(id);
    } else if (!sameUri(uri, wantedIds.get(id))) {
      diff.remove.push(id);
      diff.add.push(id);
    } else {
      diff.keep.push(id);
    }
  }
  for (const w of wanted) {
    if (!existing.has(w.id)) {
      diff.add.push(w.id);
    }
  }
  return diff;
}

/** A URI as a key, equal for URIs that differ only in percent-encoding or a final slash. */
export function uriKey(uri: string): string {
  try {
    return decodeURIComponent(uri).replace(/\/+$/, '');
  } catch {
    return uri.replace(/\/+$/, '');
  }
}

/** Whether two URIs name the same file or folder, however each was percent-encoded. */
export function sameUri(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined ? a === b : uriKey(a) === uriKey(b);
}

/** The ids of a (sub)test and its ancestors, outermost first: `TestX/a/b` → TestX, TestX/a, TestX/a/b. */
export function testPath(name: string): string[] {
  const parts = name.split('/');
  return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** The last element of a (sub)test's name, its label in the tree. */
export function testLabel(name: string): string {
  const parts = name.split('/');
  return parts[parts.length - 1];
}

/** One selected item: a whole package (`test` undefined) or a test or subtest of it. */
export interface Selection {
  /** the workspace folder's URI */
  folder: string;
  importPath: string;
  test?: string;
}

/** One `hotlsp.test` call: packages of a folder and the `-run` regex (none: every test). */
export interface RunRequest {
  folder: string;
  packages: string[];
  run?: string;
}

/** Go's regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** The anchored `-run` element matching exactly these names: `^A$`, `^(A|B)$`. */
function anchored(names: string[]): string {
  const quoted = names.map(quoteMeta);
  return quoted.length === 1 ? `^${quoted[0]}$` : `^(${quoted.join('|')})$`;
}

/**
 * The `-run` regexes that run exactly the selected tests of one package (an empty list: none
 * selected; `[undefined]`: the whole package). Top-level tests share one regex; subtests of the
 * same parent share one (`^TestX$/^(a|b)$`), since go matches each level of a `/`-split pattern
 * on its own, a regex cannot mix levels without running more than was asked.
 */
export function runRegexes(tests: (string | undefined)[]): (string | undefined)[] {
  if (tests.some((t) => t === undefined)) {
    return [undefined];
  }
  const names = [...new Set(tests as string[])];
  // a test selected with its parent runs with the parent
  const covered = (n: string) => testPath(n).slice(0, -1).some((a) => names.includes(a));
  const byParent = new Map<string, string[]>();
  for (const n of names.filter((x) => !covered(x)).sort()) {
    const parts = n.split('/');
    const parent = parts.slice(0, -1).join('/');
    byParent.set(parent, [...(byParent.get(parent) ?? []), parts[parts.length - 1]]);
  }
  return [...byParent.entries()].map(([parent, last]) =>
    [...(parent === '' ? [] : parent.split('/').map((p) => anchored([p]))), anchored(last)].join('/'));
}

/**
 * The `hotlsp.test` calls that run a selection: per folder, the packages that share a regex go
 * in one call. Called one after another: HotLSP runs one `go test` per workspace, and a newer
 * request stops the one before.
 */
export function runRequests(selections: Selection[]): RunRequest[] {
  const byFolder = new Map<string, Map<string, (string | undefined)[]>>();
  for (const s of selections) {
    const packages = byFolder.get(s.folder) ?? new Map<string, (string | undefined)[]>();
    byFolder.set(s.folder, packages);
    packages.set(s.importPath, [...(packages.get(s.importPath) ?? []), s.test]);
  }
  const requests: RunRequest[] = [];
  for (const [folder, packages] of byFolder) {
    const byRun = new Map<string, RunRequest>();
    for (const [importPath, tests] of [...packages.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      for (const run of runRegexes(tests)) {
        const key = run ?? '';
        const request = byRun.get(key) ?? (run === undefined ? { folder, packages: [] } : { folder, packages: [], run });
        byRun.set(key, request);
        request.packages.push(importPath);
      }
    }
    requests.push(...byRun.values());
  }
  return requests;
}

/** The 0-based lines of the top-level functions of a Go file, by name (where a lens goes). */
export function functionLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  text.split(/\r?\n/).forEach((l, i) => {
    const m = /^func\s+(\w+)\s*[([]/.exec(l);
    if (m && !lines.has(m[1])) {
      lines.set(m[1], i);
    }
  });
  return lines;
}

/** Whether a saved or changed file can change what tests there are. */
export function isTestFile(path: string): boolean {
  return path.endsWith('_test.go');
}
