// How HotLSP is started: the java command line, its environment, and the tap on its messages.
import * as path from 'node:path';
import type { Message, MessageReader, DataCallback, Disposable } from 'vscode-languageclient/node';

/**
 * The JVM flags of scripts/jvm-flags.sh (a unit test keeps them in step): small heap that gives
 * memory back, C1 only (C2's recompiling took a core from gopls: the latency tail).
 */
export const JVM_FLAGS = ['-XX:+UseG1GC', '-XX:G1HeapRegionSize=1m', '-Xss512k', '-Xms24m', '-Xmx2g',
  '-XX:MinHeapFreeRatio=5', '-XX:MaxHeapFreeRatio=20', '-XX:TieredStopAtLevel=1', '-Xlog:disable', '-Xlog:all=error:stderr'];

export interface LaunchPlan {
  command: string;
  args: string[];
  env: Record<string, string>;
}

/**
 * `java … -jar hotlsp.jar serve --gopls GOPLS …`; the class-data-sharing archive is written on the
 * first start into `storage` (one per JDK major, since an archive fits only the JVM that wrote it).
 * gopls's directory also goes first on PATH, which is how HotLSP finds it when its path has a space
 * (`--gopls` splits on white space).
 */
export function launchPlan(java: string, javaMajor: number, jar: string, storage: string, gopls: string,
  serveArgs: string[], env: Record<string, string | undefined>): LaunchPlan {
  const cds = path.join(storage, `hotlsp-java${javaMajor}.jsa`);
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
  clean.PATH = [path.dirname(gopls), clean.PATH].filter((p) => p).join(path.delimiter);
  return { command: java, args, env: clean };
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
