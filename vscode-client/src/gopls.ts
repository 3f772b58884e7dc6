// Finds gopls (the setting hotlsp.gopls.path, else where `go install` puts it, else PATH, else the
// copy this extension installed) and installs the pinned version with `go install`. No vscode import.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';

export const GOPLS_VERSION = 'v0.23.0';
export const GOPLS_MODULE = 'golang.org/x/tools/gopls';

export type GoplsLookup = { found: string; tried: string[] } | { found?: undefined; tried: string[] };

const exe = process.platform === 'win32' ? 'gopls.exe' : 'gopls';

/** The places gopls is looked for, in order. */
export function goplsCandidates(setting: string | undefined, env: Record<string, string | undefined>,
  storageBin: string, home = os.homedir()): string[] {
  if (setting) {
    return [setting];
  }
  const out: string[] = [];
  if (env.GOBIN) {
    out.push(path.join(env.GOBIN, exe));
  }
  for (const p of (env.GOPATH ?? '').split(path.delimiter).filter((p) => p)) {
    out.push(path.join(p, 'bin', exe));
  }
  out.push(path.join(home, 'go', 'bin', exe));
  for (const p of (env.PATH ?? '').split(path.delimiter).filter((p) => p)) {
    out.push(path.join(p, exe));
  }
  out.push(path.join(storageBin, exe));
  return [...new Set(out)];
}

/** The first candidate that is an executable file. */
export function locateGopls(candidates: string[], isExecutable = executableFile): GoplsLookup {
  for (const c of candidates) {
    if (isExecutable(c)) {
      return { found: c, tried: candidates };
    }
  }
  return { tried: candidates };
}

export function executableFile(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/** The go command: `go` on PATH, else the usual install directory. */
export function goCommand(env: Record<string, string | undefined>, isExecutable = executableFile): string | undefined {
  for (const p of (env.PATH ?? '').split(path.delimiter).filter((p) => p)) {
    if (isExecutable(path.join(p, 'go'))) {
      return path.join(p, 'go');
    }
  }
  return ['/usr/local/go/bin/go', path.join(os.homedir(), 'go', 'bin', 'go')].find((p) => isExecutable(p));
}

/** The `go install` of the pinned gopls into `gobin`, as a command line and environment. */
export function installCommand(go: string, gobin: string, env: Record<string, string | undefined>) {
  return {
    command: go,
    args: ['install', `${GOPLS_MODULE}@${GOPLS_VERSION}`],
    env: { ...env, GOBIN: gobin, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod' } as Record<string, string>,
  };
}

/** Runs the install, handing each output line to `progress`; resolves with gopls's path. */
export function installGopls(go: string, gobin: string, env: Record<string, string | undefined>,
  progress: (line: string) => void): Promise<string> {
  const c = installCommand(go, gobin, env);
  fs.mkdirSync(gobin, { recursive: true });
  return new Promise((resolve, reject) => {
    const child = spawn(c.command, c.args,
      { env: c.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const feed = (b: Buffer) => {
      const text = b.toString();
      tail = (tail + text).slice(-2000);
      text.split(/\r?\n/).filter((l) => l.trim()).forEach(progress);
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('error', reject);
    child.on('close', (code) => code === 0 ? resolve(path.join(gobin, exe))
      : reject(new Error(`go install ${GOPLS_MODULE}@${GOPLS_VERSION} failed (exit ${code}): ${tail.trim()}`)));
  });
}
