// HotLSP's own LSP messages, mirrored from docs/lsp-extensions.md: the one place the extension
// names them. Only types from vscode-languageserver-protocol; no vscode import (tests use it in Node).
import { NotificationType } from 'vscode-languageserver-protocol';

/** The `workspace/executeCommand` commands HotLSP adds. */
export const Commands = {
  restartGopls: 'hotlsp.restartGopls',
  run: 'hotlsp.run',
  stop: 'hotlsp.stop',
  restart: 'hotlsp.restart',
  dump: 'hotlsp.dump',
  status: 'hotlsp.status',
  listTests: 'hotlsp.listTests',
  test: 'hotlsp.test',
} as const;

/** `hotlsp.run`'s one argument (every member optional). */
export interface RunArguments {
  target?: string;
  args?: string[];
  env?: Record<string, string>;
}

/** The argument of `hotlsp.stop`, `hotlsp.restart`, `hotlsp.dump` and `hotlsp.status`. */
export interface TargetArgument {
  target?: string;
}

/** `hotlsp/runStarted`; also the result of `hotlsp.run` and each entry of `hotlsp.status`/`hotlsp.restart`. */
export interface RunStartedParams {
  runId: string;
  /** the import path of the main package */
  target: string;
  binary: string;
  isolation: 'local' | 'isolated' | 'gvisor';
  pid: number;
  /** ISO-8601 */
  startedAt: string;
}

/** One entry of `hotlsp.status`: a run's start and, where the run has a cgroup, its peak memory so far. */
export interface RunStatus extends RunStartedParams {
  /** the figure `hotlsp/runEnded` will give (the cgroup's peak); absent without a cgroup */
  peakRssKiB?: number;
}

/** `hotlsp.stop`'s result: the targets stopped. */
export interface StopResult {
  stopped: string[];
}

export type OutputStream = 'stdout' | 'stderr';

/** `hotlsp/output`: a batch of a run's output (UTF-8 decoded), at most one per stream per 50 ms. */
export interface OutputParams {
  runId: string;
  target: string;
  stream: OutputStream;
  text: string;
  /** bytes dropped before this text (a flood), only when some were */
  droppedBytes?: number;
}

/** Why a run ended. */
export type EndReason =
  | 'exited'
  | 'crashed'
  | 'timeout'
  | 'memory-limit'
  | 'cpu-limit'
  | 'killed-by-restart'
  | 'stopped'
  | 'sandbox-error';

/** `hotlsp/runEnded`, sent after the run's last `hotlsp/output`. */
export interface RunEndedParams {
  runId: string;
  target: string;
  exitCode: number;
  signal: number | null;
  reason: EndReason;
  wallMs: number;
  cpuMs: number;
  peakRssKiB: number;
  truncatedBytes: number;
}

/** `hotlsp/buildEnded`: once per run target for every go build that covered it. */
export interface BuildEndedParams {
  target: string;
  ok: boolean;
  durationMs: number;
  binaryChanged: boolean;
  reason: string;
  binary: string;
  errors: number;
}

/** `hotlsp.listTests`'s one optional argument: a folder or file; none: every folder. */
export interface ListTestsArguments {
  uri: string;
}

/** What kind of function a listed test is. */
export type TestKind = 'test' | 'benchmark' | 'fuzz' | 'example';

/** A test function `hotlsp.listTests` found. */
export interface ListedTest {
  name: string;
  kind: TestKind;
  uri: string;
  /** 0-based */
  line: number;
}

/** A package with tests, as `hotlsp.listTests` lists it. */
export interface ListedPackage {
  importPath: string;
  /** the package directory's URI */
  dir: string;
  tests: ListedTest[];
}

/** `hotlsp.listTests`'s result. */
export interface ListTestsResult {
  packages: ListedPackage[];
}

/** `hotlsp.test`'s one argument: `packages` (import paths or patterns) or `affectedBy` (file URIs). */
export interface TestArguments {
  packages?: string[];
  affectedBy?: string[];
  /** go test's -run regex */
  run?: string;
  /** the workspace folder's URI */
  folder?: string;
}

export type PackageStatus = 'pass' | 'fail' | 'skip' | 'build-failed' | 'stopped';
export type TestStatus = 'pass' | 'fail' | 'skip' | 'timeout' | 'stopped';

/** One test's result (subtests are named `TestX/case_1`). */
export interface TestCaseResult {
  name: string;
  status: TestStatus;
  elapsedMs: number;
  uri?: string;
  /** 0-based */
  line?: number;
  /** only for failures */
  output?: string;
  /** only for failures: the lines it failed on (its own, not its subtests') */
  failures?: TestFailure[];
}

/** A line a test failed on: a `hotlsp` diagnostic's place and text (0-based). */
export interface TestFailure {
  uri: string;
  line: number;
  character: number;
  code: string;
  message: string;
}

/** One package's result in `hotlsp.test`'s answer and in `hotlsp/testResults`. */
export interface PackageResults {
  importPath: string;
  dir: string;
  status: PackageStatus;
  elapsedMs: number;
  cached: boolean;
  tests: TestCaseResult[];
  /** the package's own output (a build failure's compiler errors), when HotLSP sends it */
  output?: string;
}

/** `hotlsp.test`'s result, answered when the run ends. */
export interface TestResult {
  runId: number;
  stopped: boolean;
  packages: PackageResults[];
  /** go's own failure (not a test's), when there was one */
  error?: string;
}

/** `hotlsp/testResults`: packages as they finish (`done: false`), then every package of the run (`done: true`). */
export interface TestResultsParams {
  folder: string;
  runId: number;
  trigger: 'save' | 'command';
  done: boolean;
  /** with `done`: whether a newer run stopped this one */
  stopped?: boolean;
  packages: PackageResults[];
}

export const RunStartedNotification = new NotificationType<RunStartedParams>('hotlsp/runStarted');
export const OutputNotification = new NotificationType<OutputParams>('hotlsp/output');
export const RunEndedNotification = new NotificationType<RunEndedParams>('hotlsp/runEnded');
export const BuildEndedNotification = new NotificationType<BuildEndedParams>('hotlsp/buildEnded');
export const TestResultsNotification = new NotificationType<TestResultsParams>('hotlsp/testResults');

/** The diagnostic sources HotLSP adds beside gopls's own. */
export const DiagnosticSources = {
  build: 'go build',
  crash: 'hotlsp',
} as const;

/** The code of a crash diagnostic (source `hotlsp`). */
export const PanicCode = 'panic';

/** LSP's InvalidParams: HotLSP's answer to bad arguments and an unknown or ambiguous target. */
export const InvalidParams = -32602;

/**
 * The main packages named by HotLSP's refusal of a `hotlsp.run` without a target when there are
 * several ("several main packages, name one as target: a, b"); empty for any other message.
 */
export function targetsOfAmbiguity(message: string): string[] {
  const marker = 'name one as target: ';
  const at = message.indexOf(marker);
  if (at < 0) {
    return [];
  }
  return message
    .slice(at + marker.length)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
