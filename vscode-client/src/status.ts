// What the status bar items say, from HotLSP's state, builds and runs. Pure: time is passed in.
import type { BuildEndedParams, OutputParams, RunEndedParams, RunStartedParams } from './protocol';

export type StatusKind = 'idle' | 'building' | 'running' | 'ended' | 'crashed' | 'failed' | 'server';

/** One item's text (with a codicon), tooltip, whether it shows an error colour, and the run it shows. */
export interface StatusView {
  text: string;
  tooltip: string;
  kind: StatusKind;
  /** the import path of the program the item is about, if any */
  target?: string;
}

/** Whether HotLSP itself runs: `down` carries what failed or what happens (shown instead of any run). */
export type ServerState = { state: 'running' } | { state: 'starting' } | { state: 'down'; why: string; detail: string };

interface Run {
  started: RunStartedParams;
  startedMs: number;
  crashLine?: string;
  peakKiB?: number;
}

/** The status of the programs HotLSP runs, of the builds it makes for them, and of HotLSP itself. */
export class StatusModel {
  private builds = 0;
  private server: ServerState = { state: 'starting' };
  private readonly runs = new Map<string, Run>(); // by target
  private ended?: { params: RunEndedParams; crashLine?: string };
  private failed?: BuildEndedParams;

  /** HotLSP started, is (re)starting, or is not running (then no program of it runs either). */
  serverState(s: ServerState): void {
    this.server = s;
    if (s.state !== 'running') {
      this.runs.clear();
      this.builds = 0;
    }
  }

  /**
   * What HotLSP says runs now (`hotlsp.status`, asked after each start of the server): the runs the
   * model knew are replaced by these.
   */
  reset(runs: RunStartedParams[], nowMs: number): void {
    const before = new Map(this.runs);
    this.runs.clear();
    for (const p of runs) {
      const known = before.get(p.target);
      if (known && known.started.runId === p.runId) {
        this.runs.set(p.target, known);
      } else {
        const at = Date.parse(p.startedAt);
        this.runs.set(p.target, { started: p, startedMs: Number.isFinite(at) ? Math.min(at, nowMs) : nowMs });
      }
    }
  }

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
    this.runs.set(p.target, { started: p, startedMs: nowMs });
    if (this.ended?.params.target === p.target) {
      this.ended = undefined;
    }
  }

  /** Watches stderr for the first line of a Go crash, to name it when the run ends crashed. */
  output(p: OutputParams): void {
    const run = this.runs.get(p.target);
    if (!run || p.runId !== run.started.runId || p.stream !== 'stderr' || run.crashLine) {
      return;
    }
    const m = /^(panic|fatal error): /m.exec(p.text);
    if (m) {
      run.crashLine = m[1];
    }
  }

  /** The peak memory of a running program so far, as HotLSP measures it (the figure `runEnded` gives). */
  memory(runId: string, peakKiB: number | undefined): void {
    for (const run of this.runs.values()) {
      if (run.started.runId === runId) {
        run.peakKiB = peakKiB !== undefined && peakKiB > 0 ? peakKiB : undefined;
      }
    }
  }

  runEnded(p: RunEndedParams): void {
    const run = this.runs.get(p.target);
    if (!run || run.started.runId !== p.runId) {
      return; // an earlier run ending after a newer one started
    }
    this.ended = { params: p, crashLine: run.crashLine };
    this.runs.delete(p.target);
  }

  /** The programs running now, by target. */
  running(): RunStartedParams[] {
    return [...this.runs.values()].map((r) => r.started).sort((a, b) => a.target.localeCompare(b.target));
  }

  isRunning(target: string): boolean {
    return this.runs.has(target);
  }

  /** The first item's view (the only one when at most one program runs). */
  view(nowMs: number): StatusView {
    return this.views(nowMs)[0];
  }

  /** One view per status bar item: the build or server state, then one per running program. */
  views(nowMs: number): StatusView[] {
    if (this.server.state === 'starting') {
      return [{ text: '$(sync~spin) HotLSP starting', tooltip: 'HotLSP is starting', kind: 'server' }];
    }
    if (this.server.state === 'down') {
      return [{ text: `$(error) HotLSP: ${this.server.why}`, tooltip: this.server.detail, kind: 'failed' }];
    }
    const out: StatusView[] = [];
    if (this.builds > 0) {
      out.push({ text: '$(sync~spin) building…', tooltip: 'HotLSP is building' + this.runningSuffix(), kind: 'building' });
    } else if (this.failed) {
      const n = this.failed.errors;
      out.push({
        text: '$(error) build failed',
        tooltip: `${this.failed.target}: ${n} error${n === 1 ? '' : 's'} (${this.failed.reason})` + this.runningSuffix(),
        kind: 'failed',
        target: this.failed.target,
      });
    }
    const runs = [...this.runs.values()].sort((a, b) => a.started.target.localeCompare(b.started.target));
    for (const run of runs) {
      const parts = [runs.length === 1 ? '$(play) running' : `$(play) ${shortName(run.started.target)}`, seconds(nowMs - run.startedMs)];
      if (run.peakKiB) {
        parts.push(mebibytes(run.peakKiB));
      }
      const memory = run.peakKiB ? `, peak memory ${mebibytes(run.peakKiB)}` : '';
      out.push({
        text: parts.join(' · '),
        tooltip: `${run.started.target} (pid ${run.started.pid}${memory}) — click for its output`,
        kind: 'running',
        target: run.started.target,
      });
    }
    if (out.length === 0) {
      out.push(this.ended ? endedView(this.ended.params, this.ended.crashLine)
        : { text: '$(go) HotLSP', tooltip: 'HotLSP — no program running', kind: 'idle' });
    }
    return out;
  }

  private runningSuffix(): string {
    const names = [...this.runs.keys()].sort();
    return names.length > 0 ? `; ${names.join(', ')} keep${names.length === 1 ? 's' : ''} running` : '';
  }
}

/** The last element of an import path (`example.com/x/cmd/server` → `server`). */
export function shortName(target: string): string {
  const parts = target.split('/');
  const last = parts[parts.length - 1];
  return /^v\d+$/.test(last) && parts.length > 1 ? parts[parts.length - 2] : last;
}

function endedView(p: RunEndedParams, crashLine?: string): StatusView {
  const figures = p.peakRssKiB > 0 ? `${seconds(p.wallMs)} · ${mebibytes(p.peakRssKiB)}` : seconds(p.wallMs);
  const tip = `${p.target}: ${p.reason}, exit ${p.exitCode}${p.signal !== null ? `, signal ${p.signal}` : ''}, ` +
    `${figures}, CPU ${seconds(p.cpuMs)} — click for its output`;
  const view = (text: string, kind: StatusKind): StatusView => ({ text, tooltip: tip, kind, target: p.target });
  switch (p.reason) {
    case 'crashed':
      return view(`$(bug) crashed: ${crashLine ?? (p.signal !== null ? `signal ${p.signal}` : `exit ${p.exitCode}`)}`, 'crashed');
    case 'stopped':
    case 'killed-by-restart':
      return view('$(debug-stop) stopped', 'ended');
    case 'exited':
      return view(`$(pass) exited ${p.exitCode} · ${figures}`, p.exitCode === 0 ? 'ended' : 'crashed');
    case 'timeout':
      return view(`$(watch) timed out · ${figures}`, 'crashed');
    case 'memory-limit':
      return view(`$(error) memory limit · ${figures}`, 'crashed');
    case 'cpu-limit':
      return view(`$(error) CPU limit · ${figures}`, 'crashed');
    case 'sandbox-error':
      return view('$(error) sandbox error', 'crashed');
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
