// Finds a JDK >= 21 to run HotLSP with: the setting hotlsp.java.home, JAVA_HOME, then java on PATH.
// No vscode import: the probe (running `java -version`) is injected, so tests need no JDK.
import * as path from 'node:path';

export const MIN_JAVA = 21;

/** Runs `<java> -version` and gives its combined output, or throws when it cannot be run. */
export type VersionProbe = (javaExecutable: string) => Promise<string>;

/** One place a java was looked for, and what was found there. */
export interface JavaCandidate {
  /** where it came from: `hotlsp.java.home`, `JAVA_HOME` or `PATH` */
  origin: string;
  /** the java executable, or undefined when the origin is not set */
  executable?: string;
  /** the major version `java -version` reported */
  major?: number;
  /** why it does not fit */
  problem?: string;
}

export type JavaLookup =
  | { ok: true; java: string; major: number; origin: string; tried: JavaCandidate[] }
  | { ok: false; tried: JavaCandidate[]; message: string };

/** The major version in `java -version` output (`"21.0.2"` → 21, `"1.8.0_392"` → 8), if any. */
export function parseJavaMajor(output: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!m) {
    return undefined;
  }
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

/** The java executable under a JDK (or JRE) home. */
export function javaIn(home: string): string {
  return path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java');
}

/** Looks in order and returns the first java >= 21, or every candidate with its problem. */
export async function findJava(
  setting: string | undefined,
  env: Record<string, string | undefined>,
  probe: VersionProbe,
): Promise<JavaLookup> {
  const origins: { origin: string; executable?: string }[] = [
    { origin: 'hotlsp.java.home', executable: setting ? javaIn(setting) : undefined },
    { origin: 'JAVA_HOME', executable: env.JAVA_HOME ? javaIn(env.JAVA_HOME) : undefined },
    { origin: 'PATH', executable: 'java' },
  ];
  const tried: JavaCandidate[] = [];
  for (const { origin, executable } of origins) {
    if (!executable) {
      tried.push({ origin, problem: 'not set' });
      continue;
    }
    let output: string;
    try {
      output = await probe(executable);
    } catch (e) {
      tried.push({ origin, executable, problem: `cannot run it (${errorText(e)})` });
      continue;
    }
    const major = parseJavaMajor(output);
    if (major === undefined) {
      tried.push({ origin, executable, problem: `no version in "${firstLine(output)}"` });
    } else if (major < MIN_JAVA) {
      tried.push({ origin, executable, major, problem: `Java ${major} is older than ${MIN_JAVA}` });
    } else {
      tried.push({ origin, executable, major });
      return { ok: true, java: executable, major, origin, tried };
    }
  }
  return { ok: false, tried, message: describeFailure(tried) };
}

/** What the user reads when no java fits: each place tried, and the fix. */
export function describeFailure(tried: JavaCandidate[]): string {
  const parts = tried.map((c) => {
    const where = c.origin === 'JAVA_HOME' && c.executable ? `JAVA_HOME (${c.executable})`
      : c.origin === 'hotlsp.java.home' && c.executable ? `hotlsp.java.home (${c.executable})`
      : c.origin === 'PATH' ? 'java on PATH' : c.origin;
    return `${where}: ${c.problem ?? 'fits'}`;
  });
  return `HotLSP needs Java ${MIN_JAVA} or newer. Tried ${parts.join('; ')}. ` +
    `Set "hotlsp.java.home" to a JDK ${MIN_JAVA}+ (e.g. /usr/lib/jvm/temurin-21-jdk-amd64).`;
}

function errorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err && err.code === 'ENOENT' ? 'not found' : err && err.message ? firstLine(err.message) : String(e);
}

function firstLine(s: string): string {
  return s.split(/\r?\n/)[0].trim();
}
