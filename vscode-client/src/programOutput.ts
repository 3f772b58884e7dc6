// Feeds the "HotLSP Program" output channel from hotlsp/runStarted, hotlsp/output and hotlsp/runEnded.
import type { OutputParams, RunEndedParams, RunStartedParams } from './protocol';
import { mebibytes, seconds } from './status';

/** The part of an output channel the feed uses. */
export interface Channel {
  append(text: string): void;
  appendLine(text: string): void;
  show(preserveFocus?: boolean): void;
}

/** Writes each run's output to the channel, framed by a start and an end line; reveals it on the first run. */
export class ProgramOutput {
  private revealed = false;
  private atLineStart = true;

  constructor(private readonly channel: Channel) {}

  started(p: RunStartedParams): void {
    this.line(`▶ ${p.target} (pid ${p.pid}, ${p.isolation})`);
    if (!this.revealed) {
      this.revealed = true;
      this.channel.show(true);
    }
  }

  output(p: OutputParams): void {
    if (p.droppedBytes) {
      this.line(`… ${p.droppedBytes} bytes dropped …`);
    }
    if (p.text.length > 0) {
      this.channel.append(p.text);
      this.atLineStart = p.text.endsWith('\n');
    }
  }

  ended(p: RunEndedParams): void {
    const how = p.reason === 'exited' ? `exited with code ${p.exitCode}`
      : p.reason === 'crashed' ? `crashed (exit ${p.exitCode}${p.signal !== null ? `, signal ${p.signal}` : ''})`
      : p.reason === 'killed-by-restart' ? 'stopped for a restart'
      : p.reason;
    const truncated = p.truncatedBytes > 0 ? `, ${p.truncatedBytes} bytes of output dropped` : '';
    this.line(`■ ${p.target} ${how} after ${seconds(p.wallMs)}, peak ${mebibytes(p.peakRssKiB)}${truncated}`);
  }

  show(): void {
    this.revealed = true;
    this.channel.show(false);
  }

  /** A line of the extension's own, on a line of its own even after output without a final newline. */
  private line(text: string): void {
    if (!this.atLineStart) {
      this.channel.append('\n');
    }
    this.channel.appendLine(text);
    this.atLineStart = true;
  }
}
