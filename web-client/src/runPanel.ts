// Run/Stop, the target picker, the program's live output and the last run's figures: what
// `hotlsp.run`/`hotlsp.stop`/`hotlsp.targets`/`hotlsp.status` answer and `hotlsp/runStarted`,
// `hotlsp/output` and `hotlsp/runEnded` say. The page adds no meaning to them.
import { Commands, type OutputParams, type RunEndedParams, type RunStartedParams, type RunStatus } from './hotlsp';

/** Runs a `workspace/executeCommand` on the current connection. */
export type Commander = <R>(name: string, args?: unknown[]) => Promise<R>;

const MAX_OUTPUT_NODES = 2000;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

export class RunPanel {
  private readonly output = $('output');
  private readonly runBtn = $<HTMLButtonElement>('run');
  private readonly stopBtn = $<HTMLButtonElement>('stop');
  private readonly targets = $<HTMLSelectElement>('target');
  private readonly info = $('runinfo');
  /** the runs going on, by target */
  private readonly running = new Map<string, RunStartedParams>();
  private connected = false;

  constructor(private readonly command: Commander) {
    this.runBtn.addEventListener('click', () => void this.run());
    this.stopBtn.addEventListener('click', () => void this.stop());
    $('clear').addEventListener('click', () => this.output.replaceChildren());
  }

  /** A (new) session is there: its targets and what it runs. */
  async connectedTo(): Promise<void> {
    this.connected = true;
    this.running.clear();
    try {
      const targets = await this.command<string[]>(Commands.targets);
      const chosen = this.targets.value;
      this.targets.replaceChildren(...targets.map((t) => Object.assign(document.createElement('option'), { value: t, textContent: t })));
      if (targets.includes(chosen)) {
        this.targets.value = chosen;
      }
      for (const s of await this.command<RunStatus[]>(Commands.status)) {
        this.running.set(s.target, s);
        this.info.textContent = `running ${short(s.target)}`;
      }
    } catch (e) {
      this.meta(`no run targets: ${(e as Error).message}`, true);
    }
    this.updateButtons();
  }

  /** The connection is gone: nothing of that session runs for this page any more. */
  disconnected(): void {
    this.connected = false;
    this.running.clear();
    this.updateButtons();
  }

  outputArrived(p: OutputParams): void {
    if (p.droppedBytes) {
      this.meta(`[${p.droppedBytes} bytes of output dropped]`);
    }
    this.append(p.text, p.stream);
  }

  runStarted(p: RunStartedParams): void {
    this.running.set(p.target, p);
    this.meta(`${short(p.target)} started (run ${p.runId}, pid ${p.pid}, ${p.isolation})`);
    this.info.textContent = `running ${short(p.target)}`;
    this.updateButtons();
  }

  runEnded(p: RunEndedParams): void {
    if (this.running.get(p.target)?.runId === p.runId) {
      this.running.delete(p.target);
    }
    const summary = `exit ${p.exitCode}${p.signal ? ` (signal ${p.signal})` : ''} · ${p.reason} · ${p.wallMs} ms · cpu ${p.cpuMs} ms · peak ${p.peakRssKiB} KiB`;
    this.meta(`${short(p.target)} ended: ${summary}`, p.reason === 'crashed' || p.reason === 'sandbox-error');
    this.info.textContent = summary;
    this.updateButtons();
  }

  /** A line of the page's own (`── …`), in red when it is an error. */
  meta(text: string, error = false): void {
    this.append(`── ${text}\n`, error ? 'meta stderr' : 'meta');
  }

  private async run(): Promise<void> {
    const target = this.targets.value || undefined;
    this.info.textContent = `building ${target ? short(target) : ''}…`;
    try {
      await this.command(Commands.run, [target ? { target } : {}]);
    } catch (e) {
      this.info.textContent = '';
      this.meta(`run failed: ${(e as Error).message}`, true);
    }
  }

  private async stop(): Promise<void> {
    const target = this.targets.value || undefined;
    try {
      await this.command(Commands.stop, [target && this.running.has(target) ? { target } : {}]);
    } catch (e) {
      this.meta(`stop failed: ${(e as Error).message}`, true);
    }
  }

  private append(text: string, cls: string): void {
    const out = this.output;
    const atBottom = out.scrollTop + out.clientHeight >= out.scrollHeight - 4;
    const span = document.createElement('span');
    span.className = cls;
    span.textContent = text;
    out.append(span);
    while (out.childNodes.length > MAX_OUTPUT_NODES) {
      out.firstChild!.remove();
    }
    if (atBottom) {
      out.scrollTop = out.scrollHeight;
    }
  }

  private updateButtons(): void {
    this.runBtn.disabled = !this.connected;
    this.stopBtn.disabled = !this.connected || this.running.size === 0;
  }
}

function short(target: string): string {
  return target.split('/').slice(-2).join('/');
}
