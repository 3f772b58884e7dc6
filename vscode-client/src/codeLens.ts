// A Run (or Stop/Restart) code lens above `func main()` of a main package.
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

/** Offers Run above main, or Stop and Restart while a program runs (`isRunning` asks the status). */
export class MainCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly isRunning: () => boolean) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const line = mainFunctionLine(doc.getText());
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (line === undefined || !folder) {
      return [];
    }
    const range = new vscode.Range(line, 0, line, 0);
    const target = targetOf(folder.uri.fsPath, doc.uri.fsPath);
    if (this.isRunning()) {
      return [
        new vscode.CodeLens(range, { title: '$(debug-stop) Stop', command: Ids.stop, arguments: [] }),
        new vscode.CodeLens(range, { title: '$(debug-restart) Restart', command: Ids.restart, arguments: [] }),
      ];
    }
    return [new vscode.CodeLens(range, { title: '$(play) Run', command: Ids.run, arguments: [{ target }] })];
  }
}
