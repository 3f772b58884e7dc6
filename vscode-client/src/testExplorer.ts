// The Test Explorer: HotLSP's tests (hotlsp.listTests) as a TestController's items, runs through
// hotlsp.test, and every run HotLSP reports (hotlsp/testResults, the on-save runs too) as results.
import * as vscode from 'vscode';
import { Commands, ListTestsResult, PackageResults, TestArguments, TestResult, TestResultsParams } from './protocol';
import { Outcome, RunLedger, crlf, outcomesOf } from './testResults';
import { Selection, diffChildren, runRequests, runnablePackages, sameUri, testLabel, testPath } from './testTree';

/** What the explorer needs of the running language server (undefined while none runs). */
export interface TestServer {
  executeCommand(command: string, args: unknown[], token?: vscode.CancellationToken): Promise<unknown>;
}

/** What an item is: a folder, a package of it, or a test or subtest of a package. */
interface ItemData {
  folder: string;
  importPath?: string;
  test?: string;
}

/** How long after a `_test.go` change the tests are listed again. */
const REFRESH_DELAY_MS = 300;

/** The HotLSP test controller: its tree, its Run profile and the runs HotLSP reports. */
export class TestExplorer implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('hotlsp', 'Go (HotLSP)');
  private readonly data = new WeakMap<vscode.TestItem, ItemData>();
  private readonly ledger = new RunLedger<vscode.TestRun>(
    (p) => this.controller.createTestRun(new vscode.TestRunRequest(), `HotLSP: tests on ${p.trigger}`, true),
    (run) => run.end());
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the tree changed (the lenses follow it). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private runs: Promise<void> = Promise.resolve();
  private refreshing: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;

  constructor(private readonly server: () => TestServer | undefined, private readonly log: vscode.LogOutputChannel) {
    this.controller.createRunProfile('Run', vscode.TestRunProfileKind.Run,
      (request, token) => this.run(request, token), true);
    this.controller.refreshHandler = () => this.refresh();
    const watcher = vscode.workspace.createFileSystemWatcher('**/*_test.go');
    this.disposables.push(this.controller, this.changed, watcher,
      watcher.onDidCreate(() => this.refreshSoon()),
      watcher.onDidChange(() => this.refreshSoon()),
      watcher.onDidDelete(() => this.refreshSoon()),
      vscode.workspace.onDidSaveTextDocument((d) => d.uri.path.endsWith('_test.go') && this.refreshSoon()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refreshSoon()));
  }

  /** Lists the tests again shortly (changes come in bursts). */
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
  }

  /** Asks HotLSP for every folder's tests and brings the tree up to date; one refresh at a time. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(() => this.list(), () => this.list());
    return this.refreshing;
  }

  private async list(): Promise<void> {
    const s = this.server();
    if (!s) {
      return;
    }
    const folders = vscode.workspace.workspaceFolders ?? [];
    for (const folder of folders) {
      try {
        const listed = await s.executeCommand(Commands.listTests, [{ uri: folder.uri.toString() }]) as ListTestsResult | null;
        this.showFolder(folder.uri.toString(), folder.name, runnablePackages(listed?.packages ?? []));
      } catch (e) {
        this.log.warn(`${Commands.listTests} ${folder.uri.toString()}: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    this.controller.items.forEach((item) => {
      if (!folders.some((f) => sameUri(f.uri.toString(), item.id))) {
        this.controller.items.delete(item.id);
      }
    });
    this.changed.fire();
  }

  /** Shows a folder's packages and their tests; subtests results named stay under kept tests. */
  private showFolder(folderUri: string, name: string, packages: ListTestsResult['packages']): void {
    if (packages.length === 0) {
      this.controller.items.delete(this.folderItem(folderUri)?.id ?? folderUri);
      return;
    }
    const folder = this.folderItem(folderUri) ?? this.addFolder(folderUri, name);
    const diff = diffChildren(uris(folder.children), packages.map((p) => ({ id: p.importPath, uri: p.dir })));
    diff.remove.forEach((id) => folder.children.delete(id));
    for (const p of packages) {
      const item = folder.children.get(p.importPath) ?? this.addPackage(folder, p.importPath, p.dir);
      const tests = diffChildren(uris(item.children), p.tests.map((t) => ({ id: t.name, uri: t.uri })));
      tests.remove.forEach((id) => item.children.delete(id));
      for (const t of p.tests) {
        const test = item.children.get(t.name) ?? this.addTest(item, t.name, t.uri);
        test.range = new vscode.Range(t.line, 0, t.line, 0);
      }
    }
  }

  /** The top-level tests listed in the file `uri`, by name. */
  testsIn(uri: vscode.Uri): Map<string, vscode.TestItem> {
    const found = new Map<string, vscode.TestItem>();
    this.controller.items.forEach((folder) => folder.children.forEach((pkg) => pkg.children.forEach((test) => {
      if (test.uri && sameUri(test.uri.toString(), uri.toString())) {
        found.set(test.id, test);
      }
    })));
    return found;
  }

  /** Runs one test (the lens). */
  runTest(uri: vscode.Uri, name: string): Promise<void> {
    const item = this.testsIn(uri).get(name);
    return item ? this.run(new vscode.TestRunRequest([item]), new vscode.CancellationTokenSource().token) : Promise.resolve();
  }

  /** A `hotlsp/testResults` notification: its results go to the run it belongs to (a save's gets one). */
  notified(p: TestResultsParams): void {
    const fed = this.ledger.notified(p);
    if (fed) {
      this.apply(fed.run, p.folder, fed.fresh);
    }
  }

  /** HotLSP stopped (or restarts): the runs it reported end here. */
  serverStopped(): void {
    this.ledger.closeAll();
  }

  /** The Run profile: the selection as `hotlsp.test` calls, one after another (and after any earlier run). */
  private run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    this.runs = this.runs.then(() => this.runNow(request, token));
    return this.runs;
  }

  private async runNow(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request, undefined, true);
    const excluded = new Set(request.exclude ?? []);
    const roots: vscode.TestItem[] = [];
    if (request.include) {
      roots.push(...request.include);
    } else {
      this.controller.items.forEach((i) => roots.push(i));
    }
    const selected = roots.flatMap((i) => this.selectable(i, excluded));
    selected.forEach((i) => run.enqueued(i));
    const selections = selected.flatMap((i) => this.selectionsOf(i));
    try {
      for (const r of runRequests(selections)) {
        const s = this.server();
        if (token.isCancellationRequested || !s) {
          break;
        }
        const args: TestArguments = { packages: r.packages, ...(r.run === undefined ? {} : { run: r.run }), folder: r.folder };
        this.ledger.expect(r.folder, run);
        try {
          const answer = await s.executeCommand(Commands.test, [args], token) as TestResult;
          this.apply(run, r.folder, this.ledger.answered(r.folder, answer));
          if (answer.error) {
            this.failed(run, r.folder, r.packages, answer.error, answer.packages.map((p) => p.importPath));
          }
        } catch (e) {
          this.ledger.failed(r.folder);
          this.failed(run, r.folder, r.packages, `${Commands.test}: ${e instanceof Error ? e.message : String(e)}`, []);
        }
      }
    } finally {
      this.ledger.release(run);
      run.end();
    }
  }

  /** A request HotLSP could not run (or go failed): said in the output and on its packages without results. */
  private failed(run: vscode.TestRun, folderUri: string, packages: string[], error: string, done: string[]): void {
    run.appendOutput(crlf(`${error}\n`));
    const folder = this.folderItem(folderUri);
    for (const importPath of packages.filter((p) => !done.includes(p))) {
      const item = folder?.children.get(importPath);
      if (item) {
        run.errored(item, new vscode.TestMessage(error));
      }
    }
  }

  /** The item, or its not excluded descendants where some are excluded. */
  private selectable(item: vscode.TestItem, excluded: Set<vscode.TestItem>): vscode.TestItem[] {
    if (excluded.has(item)) {
      return [];
    }
    if (![...excluded].some((e) => isAncestor(item, e))) {
      return [item];
    }
    const children: vscode.TestItem[] = [];
    item.children.forEach((c) => children.push(c));
    return children.flatMap((c) => this.selectable(c, excluded));
  }

  private selectionsOf(item: vscode.TestItem): Selection[] {
    const d = this.data.get(item);
    if (!d) {
      return [];
    }
    if (d.importPath === undefined) {
      const all: Selection[] = [];
      item.children.forEach((pkg) => all.push(...this.selectionsOf(pkg)));
      return all;
    }
    return [{ folder: d.folder, importPath: d.importPath, ...(d.test === undefined ? {} : { test: d.test }) }];
  }

  /** Shows results on their items (created for packages and subtests the tree did not have). */
  private apply(run: vscode.TestRun, folderUri: string, packages: PackageResults[]): void {
    for (const p of packages) {
      for (const o of outcomesOf(p)) {
        const item = this.itemOf(folderUri, o);
        const location = o.uri !== undefined ? new vscode.Location(vscode.Uri.parse(o.uri), new vscode.Position(o.line ?? 0, 0))
          : item.uri && item.range ? new vscode.Location(item.uri, item.range) : undefined;
        if (o.output) {
          run.appendOutput(o.output, location, item);
        }
        if (o.state === 'passed') {
          run.passed(item, o.durationMs);
        } else if (o.state === 'skipped') {
          run.skipped(item);
        } else {
          // one message per line the test failed on (shown inline there), else the whole output at the test
          const messages = o.failures?.length
            ? o.failures.map((f) => {
              const m = new vscode.TestMessage(f.message);
              m.location = new vscode.Location(vscode.Uri.parse(f.uri), new vscode.Position(f.line, f.character));
              return m;
            })
            : [Object.assign(new vscode.TestMessage(o.message ?? o.state), { location })];
          if (o.state === 'failed') {
            run.failed(item, messages, o.durationMs);
          } else {
            run.errored(item, messages, o.durationMs);
          }
        }
      }
    }
    this.changed.fire();
  }

  private itemOf(folderUri: string, o: Outcome): vscode.TestItem {
    const ws = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(folderUri));
    const folder = this.folderItem(folderUri) ?? this.addFolder(folderUri, ws?.name ?? folderUri.replace(/.*\//, ''));
    let item = folder.children.get(o.importPath) ?? this.addPackage(folder, o.importPath, o.dir);
    if (o.test === undefined) {
      return item;
    }
    for (const id of testPath(o.test)) {
      item = item.children.get(id) ?? this.addTest(item, id, o.uri ?? item.uri?.toString());
    }
    if (!item.range && o.line !== undefined && o.uri !== undefined && sameUri(item.uri?.toString(), o.uri)) {
      item.range = new vscode.Range(o.line, 0, o.line, 0);
    }
    return item;
  }

  private folderItem(folderUri: string): vscode.TestItem | undefined {
    let found: vscode.TestItem | undefined;
    this.controller.items.forEach((i) => {
      if (sameUri(i.id, folderUri)) {
        found = i;
      }
    });
    return found;
  }

  private addFolder(folderUri: string, name: string): vscode.TestItem {
    const item = this.controller.createTestItem(folderUri, name, vscode.Uri.parse(folderUri));
    this.data.set(item, { folder: folderUri });
    this.controller.items.add(item);
    return item;
  }

  private addPackage(folder: vscode.TestItem, importPath: string, dir: string): vscode.TestItem {
    const item = this.controller.createTestItem(importPath, importPath, vscode.Uri.parse(dir));
    this.data.set(item, { folder: folder.id, importPath });
    folder.children.add(item);
    return item;
  }

  private addTest(parent: vscode.TestItem, name: string, uri: string | undefined): vscode.TestItem {
    const item = this.controller.createTestItem(name, testLabel(name), uri === undefined ? undefined : vscode.Uri.parse(uri));
    const p = this.data.get(parent);
    this.data.set(item, { folder: p?.folder ?? '', importPath: p?.importPath, test: name });
    parent.children.add(item);
    return item;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }
}

/** A collection's items: id → file URI. */
function uris(children: vscode.TestItemCollection): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  children.forEach((c) => m.set(c.id, c.uri?.toString()));
  return m;
}

function isAncestor(item: vscode.TestItem, of: vscode.TestItem): boolean {
  for (let p = of.parent; p; p = p.parent) {
    if (p === item) {
      return true;
    }
  }
  return false;
}
