// A Run (or Stop/Restart) code lens above `func main()` of a main package.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Ids } from './commands';

/** The 0-based line of `func main()` in a `package main` file, if any. Pure. */
export function mainFunctionLine(text: string): number | undefined {
  if (!/^package main\b/m.test(text)) {
    return undefined;
  }
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l) => /^func main\(\)\s*\{?/.test(l));
  return i < 0 ? undefined : i;
}

/** The target a file names: its directory relative to its workspace folder, as `./dir` (or `.`). */
export function targetOf(folder: string, file: string): string {
  const rel = path.relative(folder, path.dirname(file)).split(path.sep).join('/');
  return rel === '' ? '.' : `./${rel}`;
}

/**
 * The import path of the package of `file`: the module path of the nearest go.mod at or above its
 * directory (within `folder`) joined with the directory's path below it; undefined without one.
 */
export function importPathOf(folder: string, file: string, read: (p: string) => string | undefined): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    const mod = read(path.join(dir, 'go.mod'));
    const m = mod === undefined ? null : /^\s*module\s+"?([^"\s]+)"?/m.exec(mod);
    if (m) {
      const rel = path.relative(dir, path.dirname(file)).split(path.sep).join('/');
      return rel === '' ? m[1] : `${m[1]}/${rel}`;
    }
    const up = path.dirname(dir);
    if (up === dir || path.relative(folder, dir).startsWith('..') || dir === folder) {
      return undefined;
    }
    dir = up;
  }
}

/**
 * Whether HotLSP can run the package of `file`, a file of workspace folder `folder`: the folder is
 * a Go workspace HotLSP loads (a go.work or go.mod in it or above, as go finds them) and the file
 * is in a module (a go.mod in its directory or above). Otherwise Run could only fail ("no Go
 * workspace folder is loaded"), so no Run is offered; a loose `package main` file is `go run`'s.
 */
export function runnable(folder: string, file: string, exists: (p: string) => boolean): boolean {
  const above = (dir: string, names: string[]): boolean => {
    for (;;) {
      if (names.some((n) => exists(path.join(dir, n)))) {
        return true;
      }
      const up = path.dirname(dir);
      if (up === dir) {
        return false;
      }
      dir = up;
    }
  };
  return above(folder, ['go.work', 'go.mod']) && above(path.dirname(file), ['go.mod']);
}

/** Whether a file exists. */
export function fileExists(p: string): boolean {
  return fs.existsSync(p);
}

/** The text of a file, or undefined if it cannot be read. */
export function readText(p: string): string | undefined {
  try {
    return fs.readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Offers Run above main of a package HotLSP can run (see `runnable`), or Stop and Restart while
 * that package's program runs (`isRunning` asks the status with the package's import path).
 */
export class MainCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly isRunning: (importPath: string) => boolean,
    private readonly read: (p: string) => string | undefined = readText,
    private readonly exists: (p: string) => boolean = fileExists,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const line = mainFunctionLine(doc.getText());
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (line === undefined || !folder || !runnable(folder.uri.fsPath, doc.uri.fsPath, this.exists)) {
      return [];
    }
    const range = new vscode.Range(line, 0, line, 0);
    const target = targetOf(folder.uri.fsPath, doc.uri.fsPath);
    const running = importPathOf(folder.uri.fsPath, doc.uri.fsPath, this.read);
    if (running && this.isRunning(running)) {
      return [
        new vscode.CodeLens(range, { title: '$(debug-stop) Stop', command: Ids.stop, arguments: [{ target: running }] }),
        new vscode.CodeLens(range, { title: '$(debug-restart) Restart', command: Ids.restart, arguments: [{ target: running }] }),
      ];
    }
    return [new vscode.CodeLens(range, { title: '$(play) Run', command: Ids.run, arguments: [{ target }] })];
  }
}
