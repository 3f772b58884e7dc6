// How HotLSP is started: the java command line, its environment, and the tap on its messages.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Message, MessageReader, DataCallback, Disposable } from 'vscode-languageclient/node';

/**
 * The JVM flags of scripts/jvm-flags.sh (a unit test keeps them in step): small heap that gives
 * memory back, C1 only (C2's recompiling took a core from gopls: the latency tail), no JVM output
 * on stdout (a SIGQUIT's thread dump would corrupt the LSP channel).
 */
export const JVM_FLAGS = ['-XX:+UseG1GC', '-XX:G1HeapRegionSize=1m', '-Xss512k', '-Xms24m', '-Xmx2g',
  '-XX:MinHeapFreeRatio=5', '-XX:MaxHeapFreeRatio=20', '-XX:TieredStopAtLevel=1', '-Xlog:disable', '-Xlog:all=error:stderr',
  '-XX:+UnlockDiagnosticVMOptions', '-XX:-DisplayVMOutput'];

export interface LaunchPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * `java … -jar hotlsp.jar serve --gopls GOPLS …` with the class-data-sharing archive `cds` (see
 * {@link cdsArchive}). gopls's directory also goes first on PATH, which is how HotLSP finds it when
 * its path has a space (`--gopls` splits on white space); so does the directory of `go`, the go
 * command the extension found, which HotLSP and gopls then run.
 */
export function launchPlan(java: string, cds: string, jar: string, gopls: string,
  serveArgs: string[], env: Record<string, string | undefined>, go?: string): LaunchPlan {
  const args = [...JVM_FLAGS, `-XX:SharedArchiveFile=${cds}`, '-XX:+AutoCreateSharedArchive', '-jar', jar, 'serve'];
  if (!/\s/.test(gopls)) {
    args.push('--gopls', gopls);
  }
  args.push(...serveArgs);
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined) {
      clean[k] = v;
    }
  }
  clean.PATH = [path.dirname(gopls), go ? path.dirname(go) : undefined, clean.PATH].filter((p) => p).join(path.delimiter);
  return { command: java, args, env: clean };
}

/** What identifies a jar for its archive: path, size and modification time. */
export interface JarStamp {
  jar: string;
  size: number;
  mtimeMs: number;
}

/**
 * The class-data-sharing archive for this JDK major and this jar, in `storage`: written by the JVM
 * at the end of the first start, reused after. An archive fits only the JVM and the jar that wrote
 * it — with another jar (an updated extension) the JVM prints a class path mismatch error at every
 * start and never rewrites it — so the name carries both.
 */
export function cdsArchive(storage: string, javaMajor: number, stamp: JarStamp): string {
  const id = crypto.createHash('sha256').update(`${stamp.jar}\0${stamp.size}\0${stamp.mtimeMs}`).digest('hex').slice(0, 16);
  return path.join(storage, `hotlsp-java${javaMajor}-${id}.jsa`);
}

/** Removes the archives in `storage` other than `keep` (older jars' or JDKs'); best effort. */
export function removeOtherArchives(storage: string, keep: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(storage);
  } catch {
    return;
  }
  for (const name of names) {
    const file = path.join(storage, name);
    if (/^hotlsp-java\d+(-[0-9a-f]+)?\.jsa$/.test(name) && file !== keep) {
      fs.rmSync(file, { force: true });
    }
  }
}

/** A reader that shows each incoming message to `tap` before the client handles it, unchanged. */
export function tapReader(inner: MessageReader, tap: (m: Message) => void): MessageReader {
  return {
    onError: inner.onError,
    onClose: inner.onClose,
    onPartialMessage: inner.onPartialMessage,
    listen(callback: DataCallback): Disposable {
      return inner.listen((m) => {
        try {
          tap(m);
        } finally {
          callback(m);
        }
      });
    },
    dispose: () => inner.dispose(),
  };
}

/** HotLSP's build progress tokens ("hotlsp/build/N"): begin and end of each `$/progress` of one. */
export function buildProgress(m: Message): 'begin' | 'end' | undefined {
  const n = m as { method?: string; params?: { token?: unknown; value?: { kind?: string } } };
  if (n.method !== '$/progress' || typeof n.params?.token !== 'string' || !n.params.token.startsWith('hotlsp/build/')) {
    return undefined;
  }
  const kind = n.params.value?.kind;
  return kind === 'begin' || kind === 'end' ? kind : undefined;
}
