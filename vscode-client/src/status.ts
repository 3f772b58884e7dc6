// What the status bar item says, from HotLSP's build and run messages. Pure: time is passed in.
import type { BuildEndedParams, OutputParams, RunEndedParams, RunStartedParams } from './protocol';

export type StatusKind = 'idle' | 'building' | 'running' | 'ended' | 'crashed' | 'failed';

/** The item's text (with a codicon), tooltip and whether it shows an error colour. */
export interface StatusView {
  text: string;
  tooltip: string;
  kind: StatusKind;
}

/** The status of the program the user runs, and of the builds HotLSP makes for it. */
export class StatusModel {
  private builds = 0;
  private run?: { started: RunStartedParams; startedMs: number; crashLine?: string };
  private ended?: { params: RunEndedParams; crashLine?: string };
  private failed?: BuildEndedParams;
  private rssKiB?: number;

  /** A `$/progress` begin of a HotLSP build. */
  buildBegan(): void {
    this.builds++;
  }

  /** A `$/progress` end of a HotLSP build. */
  buildDone(): void {
    this.builds = Math.max(0, this.builds - 1);
  }

  buildEnded(p: BuildEndedParams): void {
    if (!p.ok) {
      this.failed = p;
    } else if (this.failed?.target === p.target) {
      this.failed = undefined;
    }
  }

  runStarted(p: RunStartedParams, nowMs: number): void {
    this.run = { started: p, startedMs: nowMs };
    this.ended = undefined;
    this.rssKiB = undefined;
  }

  /** Watches stderr for the first line of a Go crash, to name it when the run ends crashed. */
  output(p: OutputParams): void {
    if (!this.run || p.runId !== this.run.started.runId || p.stream !== 'stderr' || this.run.crashLine) {
      return;
    }
    const m = /^(panic|fatal error): /m.exec(p.text);
    if (m) {
      this.run.crashLine = m[1];
    }
  }

  /** The resident memory of the running program, when the platform tells. */
  memory(kib: number | undefined): void {
    this.rssKiB = kib;
  }

  runEnded(p: RunEndedParams): void {
    if (this.run && this.run.started.runId !== p.runId) {
      return; // an earlier run ending after a newer one started
    }
    this.ended = { params: p, crashLine: this.run?.crashLine };
    this.run = undefined;
  }

  /** The pid of the running program, if one runs. */
  runningPid(): { pid: number; isolation: string } | undefined {
    return this.run ? { pid: this.run.started.pid, isolation: this.run.started.isolation } : undefined;
  }

  runningTarget(): string | undefined {
    return this.run?.started.target;
  }

  view(nowMs: number): StatusView {
    if (this.builds > 0) {
      return { text: '$(sync~spin) building…', tooltip: 'HotLSP is building' + this.runningSuffix(), kind: 'building' };
    }
    if (this.failed) {
      const n = this.failed.errors;
      return {
        text: '$(error) build failed',
        tooltip: `${this.failed.target}: ${n} error${n === 1 ? '' : 's'} (${this.failed.reason})` + this.runningSuffix(),
        kind: 'failed',
      };
    }
    if (this.run) {
      const parts = ['$(play) running', seconds(nowMs - this.run.startedMs)];
      if (this.rssKiB) {
        parts.push(mebibytes(this.rssKiB));
      }
      return { text: parts.join(' · '), tooltip: `${this.run.started.target} (pid ${this.run.started.pid}) — click for its output`, kind: 'running' };
    }
    if (this.ended) {
      return endedView(this.ended.params, this.ended.crashLine);
    }
    return { text: '$(go) HotLSP', tooltip: 'HotLSP — no program running', kind: 'idle' };
  }

  private runningSuffix(): string {
    return this.run ? `; ${this.run.started.target} keeps running` : '';
  }
}

function endedView(p: RunEndedParams, crashLine?: string): StatusView {
  const figures = `${seconds(p.wallMs)} · ${mebibytes(p.peakRssKiB)}`;
  const tip = `${p.target}: ${p.reason}, exit ${p.exitCode}${p.signal !== null ? `, signal ${p.signal}` : ''}, ` +
    `${figures}, CPU ${seconds(p.cpuMs)} — click for its output`;
  switch (p.reason) {
    case 'crashed':
      return { text: `$(bug) crashed: ${crashLine ?? (p.signal !== null ? `signal ${p.signal}` : `exit ${p.exitCode}`)}`, tooltip: tip, kind: 'crashed' };
    case 'stopped':
    case 'killed-by-restart':
      return { text: '$(debug-stop) stopped', tooltip: tip, kind: 'ended' };
    case 'exited':
      return { text: `$(pass) exited ${p.exitCode} · ${figures}`, tooltip: tip, kind: p.exitCode === 0 ? 'ended' : 'crashed' };
    case 'timeout':
      return { text: `$(watch) timed out · ${figures}`, tooltip: tip, kind: 'crashed' };
    case 'memory-limit':
      return { text: `$(error) memory limit · ${figures}`, tooltip: tip, kind: 'crashed' };
    case 'cpu-limit':
      return { text: `$(error) CPU limit · ${figures}`, tooltip: tip, kind: 'crashed' };
    case 'sandbox-error':
      return { text: '$(error) sandbox error', tooltip: tip, kind: 'crashed' };
  }
}

/** `1234` ms → `1.2 s`; a minute or more → `2m 05s`. */
export function seconds(ms: number): string {
  if (ms < 60_000) {
    return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  }
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}

/** `12345` KiB → `12 MiB` (one decimal below 10). */
export function mebibytes(kib: number): string {
  const mib = kib / 1024;
  return mib < 10 ? `${mib.toFixed(1)} MiB` : `${Math.round(mib)} MiB`;
}
