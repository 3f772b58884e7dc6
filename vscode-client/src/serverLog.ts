// Routes HotLSP's stderr to a log output channel at each line's own level: HotLSP writes
// "HH:mm:ss.SSS hotlsp LEVEL message"; a line in another shape (a JVM message, a stack trace)
// keeps the level (and channel) of the line before it, or is a warning when it comes first.
// gopls's stderr, which HotLSP logs as "gopls[N]: line", goes to gopls's own channel.

export type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** The part of a LogOutputChannel the router uses. */
export interface LogChannel {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

const LINE = /^\d\d:\d\d:\d\d\.\d{3} hotlsp (DEBUG|INFO|WARN|ERROR) (.*)$/;

/** The level and message of one HotLSP log line, or undefined for a line in another shape. */
export function parseLogLine(line: string): { level: Level; message: string } | undefined {
  const m = LINE.exec(line);
  if (!m) {
    return undefined;
  }
  const level = m[1].toLowerCase() as Level;
  return { level, message: m[2] };
}

const GOPLS_LINE = /^gopls\[\d+\]: /;

/** Takes stderr line by line; the channel adds its own timestamp, so HotLSP's is dropped. */
export class ServerLogRouter {
  private last: Level = 'warn';
  private channel: LogChannel;

  constructor(private readonly hotlsp: LogChannel, private readonly gopls: LogChannel = hotlsp) {
    this.channel = hotlsp;
  }

  line(line: string): void {
    if (line.length === 0) {
      return;
    }
    const parsed = parseLogLine(line);
    if (parsed) {
      this.last = parsed.level;
      this.channel = GOPLS_LINE.test(parsed.message) ? this.gopls : this.hotlsp;
    }
    const message = parsed ? parsed.message : line;
    switch (this.last) {
      case 'trace':
      case 'debug':
        this.channel.debug(message);
        break;
      case 'info':
        this.channel.info(message);
        break;
      case 'warn':
        this.channel.warn(message);
        break;
      case 'error':
        this.channel.error(message);
        break;
    }
  }
}
