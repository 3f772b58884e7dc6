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

export const RunStartedNotification = new NotificationType<RunStartedParams>('hotlsp/runStarted');
export const OutputNotification = new NotificationType<OutputParams>('hotlsp/output');
export const RunEndedNotification = new NotificationType<RunEndedParams>('hotlsp/runEnded');
export const BuildEndedNotification = new NotificationType<BuildEndedParams>('hotlsp/buildEnded');

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
