// A "run test" code lens above each test function HotLSP listed for the file.
import * as vscode from 'vscode';
import { fileExists, runnable } from './codeLens';
import { functionLines } from './testTree';

/** The command a lens runs: `{ uri, name }` (the file's URI, the test's name). */
export const RUN_TEST = 'hotlsp.runTest';

/**
 * Offers "run test" above `func TestX` where HotLSP listed TestX in this file, and where HotLSP
 * can run (codeLens.ts's `runnable`); the line is the document's own, so it follows edits.
 */
export class TestCodeLens implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly listed: (uri: vscode.Uri) => Set<string>,
    private readonly exists: (p: string) => boolean = fileExists,
  ) {}

  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!doc.uri.fsPath.endsWith('_test.go')) {
      return [];
    }
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const names = this.listed(doc.uri);
    if (!folder || names.size === 0 || !runnable(folder.uri.fsPath, doc.uri.fsPath, this.exists)) {
      return [];
    }
    const lenses: vscode.CodeLens[] = [];
    for (const [name, line] of functionLines(doc.getText())) {
      if (names.has(name)) {
        lenses.push(new vscode.CodeLens(new vscode.Range(line, 0, line, 0),
          { title: '$(play) run test', command: RUN_TEST, arguments: [{ uri: doc.uri.toString(), name }] }));
      }
    }
    return lenses;
  }
}
