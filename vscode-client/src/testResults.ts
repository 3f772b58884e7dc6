// HotLSP's test results as Test Explorer states, messages and output; and which results are new
// to a run (a package reaches the extension in `hotlsp/testResults` and again in the answer).
// No vscode import (tested in plain Node).
import type { PackageResults, PackageStatus, TestFailure, TestResult, TestResultsParams, TestStatus } from './protocol';
import { uriKey } from './testTree';

/** The states a Test Explorer item can end a run in (TestRun.passed/failed/errored/skipped). */
export type ItemState = 'passed' | 'failed' | 'errored' | 'skipped';

/** What a run says of one item: the package itself (`test` undefined) or a test or subtest of it. */
export interface Outcome {
  importPath: string;
  /** the package directory's URI */
  dir: string;
  test?: string;
  state: ItemState;
  durationMs: number;
  /** the message of a failure (its output, as HotLSP sent it) */
  message?: string;
  /** where the test is, when HotLSP said so (line 0-based) */
  uri?: string;
  line?: number;
  /** output for the run's terminal, CRLF line ends */
  output?: string;
  /** the lines a failed test failed on, each its own message (HotLSP's findings) */
  failures?: TestFailure[];
}

const TEST_STATES: Record<TestStatus, ItemState> = {
  pass: 'passed', fail: 'failed', timeout: 'failed', skip: 'skipped', stopped: 'skipped',
};

const PACKAGE_STATES: Record<PackageStatus, ItemState> = {
  pass: 'passed', fail: 'failed', 'build-failed': 'errored', skip: 'skipped', stopped: 'skipped',
};

/** Text for VS Code's test output, a terminal: every line ends in CRLF. */
export function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/**
 * A failure's message: what the test printed without go test's own `=== RUN`/`--- FAIL` lines,
 * dedented (go indents a test's lines by 4 spaces); the output keeps them.
 */
export function messageOf(output: string | undefined): string {
  const lines = (output ?? '').split(/\r?\n/).filter((l) => !/^\s*(=== (RUN|PAUSE|CONT|NAME)|--- (FAIL|PASS|SKIP):)/.test(l));
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n').trim();
}

/** The outcomes of one package's results: its tests (subtests by their full name), then the package. */
export function outcomesOf(p: PackageResults): Outcome[] {
  const outcomes: Outcome[] = p.tests.map((t) => {
    const state = TEST_STATES[t.status] ?? 'errored';
    const failed = state === 'failed' || state === 'errored';
    const o: Outcome = { importPath: p.importPath, dir: p.dir, test: t.name, state, durationMs: t.elapsedMs };
    if (t.uri !== undefined) {
      o.uri = t.uri;
      o.line = t.line;
    }
    if (failed) {
      o.message = messageOf(t.output) || `${t.name}: ${t.status}`;
      if (t.failures?.length) {
        o.failures = t.failures;
      }
      if (t.output) {
        o.output = crlf(t.output.endsWith('\n') ? t.output : `${t.output}\n`);
      }
    }
    return o;
  });
  const state = PACKAGE_STATES[p.status] ?? 'errored';
  const pkg: Outcome = { importPath: p.importPath, dir: p.dir, state, durationMs: p.elapsedMs };
  if (state === 'errored' || state === 'failed') {
    pkg.message = p.output?.trim() || `${p.importPath}: ${p.status}`;
  }
  if (p.output && state === 'errored') {
    pkg.output = crlf(p.output.endsWith('\n') ? p.output : `${p.output}\n`);
  }
  outcomes.push(pkg);
  return outcomes;
}

/**
 * The runs HotLSP reports and the explorer's runs they feed. A run the user started is expected
 * (`expect`) before its `hotlsp.test` is sent; the first `command` notification of its folder
 * with a run id not seen yet is that run's. Any other run (a save's) gets a run of its own from
 * `open`, which `close` ends at its `done` notification. Each package's results reach a run once.
 */
export class RunLedger<R> {
  private readonly runs = new Map<string, { run: R; seen: Set<string>; own: boolean }>();
  private readonly expected = new Map<string, R>();
  private readonly finished = new Set<string>();

  constructor(private readonly open: (p: TestResultsParams) => R, private readonly close: (run: R) => void) {}

  /** The user's run `run` is about to send `hotlsp.test` for `folder`. */
  expect(folder: string, run: R): void {
    this.expected.set(uriKey(folder), run);
  }

  /** A `hotlsp/testResults`: the run it feeds and its packages not yet shown there (none: ignore it). */
  notified(p: TestResultsParams): { run: R; fresh: PackageResults[] } | undefined {
    const key = runKey(p.folder, p.runId);
    if (this.finished.has(key)) {
      return undefined;
    }
    let entry = this.runs.get(key);
    if (!entry) {
      const mine = p.trigger === 'command' ? this.expected.get(uriKey(p.folder)) : undefined;
      if (mine !== undefined) {
        this.expected.delete(uriKey(p.folder));
        entry = { run: mine, seen: new Set(), own: false };
      } else {
        entry = { run: this.open(p), seen: new Set(), own: true };
      }
      this.runs.set(key, entry);
    }
    const fresh = unseen(entry.seen, p.packages);
    if (p.done && entry.own) {
      this.end(key);
      this.close(entry.run);
    }
    return { run: entry.run, fresh };
  }

  /** The answer to the user's `hotlsp.test` for `folder`: its packages not yet shown in its run. */
  answered(folder: string, result: TestResult): PackageResults[] {
    this.expected.delete(uriKey(folder));
    const key = runKey(folder, result.runId);
    const seen = this.runs.get(key)?.seen ?? new Set<string>();
    this.end(key);
    return unseen(seen, result.packages ?? []);
  }

  /** The user's request failed: no answer will come. */
  failed(folder: string): void {
    this.expected.delete(uriKey(folder));
  }

  /** The user's run `run` ended (or was cancelled): what HotLSP still sends of it is ignored. */
  release(run: R): void {
    for (const [folder, r] of this.expected) {
      if (r === run) {
        this.expected.delete(folder);
      }
    }
    for (const [key, entry] of this.runs) {
      if (entry.run === run) {
        this.end(key);
      }
    }
  }

  /** HotLSP stopped: no run it reported goes on; the ones opened here are closed. */
  closeAll(): void {
    for (const [key, entry] of this.runs) {
      this.end(key);
      if (entry.own) {
        this.close(entry.run);
      }
    }
    this.expected.clear();
  }

  private end(key: string): void {
    this.runs.delete(key);
    this.finished.add(key);
  }
}

function unseen(seen: Set<string>, packages: PackageResults[]): PackageResults[] {
  const fresh = packages.filter((p) => !seen.has(p.importPath));
  fresh.forEach((p) => seen.add(p.importPath));
  return fresh;
}

function runKey(folder: string, runId: number): string {
  return `${uriKey(folder)}#${runId}`;
}
