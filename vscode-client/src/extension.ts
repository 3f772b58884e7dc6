// Activation: finds Java and gopls, starts HotLSP through vscode-languageclient, and wires its
// messages to the status bar, the program's output channel, the commands and the code lens.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, LanguageClientOptions, MessageSignature, State, StreamMessageReader, StreamMessageWriter } from 'vscode-languageclient/node';
import { showsFailure } from './backgroundRequests';
import { registerOnlyFreeCommands } from './serverCommands';
import { registerCommands, Server, Ids } from './commands';
import { MainCodeLens, fileExists, importPathOf, readText, runnable } from './codeLens';
import { offerHandOver } from './coexistence';
import { MIN_JAVA, findJava } from './java';
import { executableFile, goCommand, goplsCandidates, installGopls, locateGopls, GOPLS_VERSION } from './gopls';
import { buildProgress, cdsArchive, launchPlan, removeOtherArchives, tapReader } from './launch';
import { ProgramOutput } from './programOutput';
import { BuildEndedNotification, Commands, OutputNotification, RunEndedNotification, RunStartedNotification, RunStatus, TestResultsNotification } from './protocol';
import { needsRestart, openSettingCommand, serveArguments } from './settings';
import { ServerLogRouter } from './serverLog';
import { StatusModel, StatusView } from './status';
import { DOCUMENT_SELECTOR } from './documents';
import { TestExplorer, TestServer } from './testExplorer';
import { RUN_TEST, TestCodeLens } from './testLens';

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  session = new Session(context);
  context.subscriptions.push(session);
  void offerHandOver(vscode, context.globalState, vscode.ConfigurationTarget.Global);
  await session.start();
}

export async function deactivate(): Promise<void> {
  await session?.stopServer();
}

/** How often the running programs are asked of HotLSP (their memory; and what runs, should a message be lost). */
const STATUS_POLL_MS = 2000;

/** One window's HotLSP: the client, its channels and the status bar items. */
class Session implements vscode.Disposable, Server {
  private client?: LanguageClient;
  private java?: { java: string; major: number };
  private readonly log = vscode.window.createOutputChannel('HotLSP', { log: true });
  private readonly goplsLog = vscode.window.createOutputChannel('gopls', { log: true });
  private readonly programChannel = vscode.window.createOutputChannel('HotLSP Program');
  private readonly program = new ProgramOutput(this.programChannel);
  private readonly status = new StatusModel();
  private readonly item = vscode.window.createStatusBarItem('hotlsp.status', vscode.StatusBarAlignment.Left, 0);
  /** One more item per running program beyond the first. */
  private readonly more: vscode.StatusBarItem[] = [];
  private readonly lens = new MainCodeLens((target) => this.status.isRunning(target));
  private readonly tests: TestExplorer = new TestExplorer((): TestServer | undefined => (this.client?.state === State.Running ? this : undefined), this.log);
  private readonly testLens = new TestCodeLens((uri) => new Set(this.tests.testsIn(uri).keys()));
  private readonly disposables: vscode.Disposable[] = [];
  private ticker?: NodeJS.Timeout;
  private poller?: NodeJS.Timeout;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.item.name = 'HotLSP';
    this.item.command = Ids.showOutput;
    this.render();
    this.item.show();
    activeRunnableChanged();
    this.disposables.push(
      this.log, this.goplsLog, this.programChannel, this.item,
      ...registerCommands(() => (this.client ? this : undefined), () => this.program.show(), {
        running: () => this.status.running().map((r) => r.target),
        active: () => activeImportPath(),
      }),
      vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file' }, this.lens),
      this.tests,
      this.tests.onDidChange(() => this.testLens.refresh()),
      vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file', pattern: '**/*_test.go' }, this.testLens),
      vscode.commands.registerCommand(RUN_TEST, (arg?: { uri?: string; name?: string }) =>
        arg?.uri && arg.name ? this.tests.runTest(vscode.Uri.parse(arg.uri), arg.name) : undefined),
      vscode.window.onDidChangeActiveTextEditor(() => activeRunnableChanged()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (needsRestart((s) => e.affectsConfiguration(s))) {
          this.log.info('a hotlsp.* setting changed: restarting HotLSP');
          void this.restartServer();
        }
      }),
    );
  }

  async start(): Promise<void> {
    const config = vscode.workspace.getConfiguration('hotlsp');
    const found = await findJava(config.get<string>('java.home'), process.env, javaVersion);
    if (!found.ok) {
      this.log.error(found.message);
      this.down(`needs Java ${MIN_JAVA}`, found.message);
      const where = vscode.env.remoteName ? ` It is a setting of the ${vscode.env.remoteName} machine (Remote settings).` : '';
      const open = await vscode.window.showErrorMessage(`${found.message}${where}`, 'Open Settings');
      if (open) {
        void vscode.commands.executeCommand(...openSettingCommand(vscode.env.remoteName, 'hotlsp.java.home'));
      }
      return;
    }
    this.java = found;
    this.log.info(`Java ${found.major}: ${found.java} (from ${found.origin})`);
    const go = this.findGo(config.get<string>('go.path'));
    const gopls = await this.findGopls(config.get<string>('gopls.path'), go);
    if (!gopls) {
      this.down('gopls not found', 'HotLSP needs gopls: see the "HotLSP" output channel');
      return;
    }
    const storage = this.context.globalStorageUri.fsPath;
    fs.mkdirSync(storage, { recursive: true });
    const jar = this.context.asAbsolutePath(path.join('server', 'hotlsp.jar'));
    const stat = fs.statSync(jar);
    const cds = cdsArchive(storage, found.major, { jar, size: stat.size, mtimeMs: stat.mtimeMs });
    removeOtherArchives(storage, cds);
    const plan = launchPlan(found.java, cds, jar, gopls, serveArguments((k) => config.get(k)), process.env, go);
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const router = new ServerLogRouter(this.log, this.goplsLog);
    this.log.info(`starting: ${plan.command} ${plan.args.join(' ')}`);
    const options: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      // window/logMessage is almost only gopls's (HotLSP logs to stderr, routed by the router)
      outputChannel: this.goplsLog,
      traceOutputChannel: this.log,
      synchronize: { configurationSection: 'gopls' },
    };
    const client = new HotLspClient('hotlsp', 'HotLSP', async () => {
      const child = spawn(plan.command, plan.args, { cwd, env: plan.env, stdio: ['pipe', 'pipe', 'pipe'] });
      child.on('error', (e) => this.log.error(`cannot start HotLSP: ${e.message}`));
      let partial = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partial + chunk).split(/\r?\n/);
        partial = lines.pop() ?? '';
        lines.forEach((l) => router.line(l));
      });
      const reader = tapReader(new StreamMessageReader(child.stdout), (m) => {
        const p = buildProgress(m);
        if (p) {
          p === 'begin' ? this.status.buildBegan() : this.status.buildDone();
          this.render();
        }
      });
      return { reader, writer: new StreamMessageWriter(child.stdin), detached: false };
    }, options);
    client.onNotification(RunStartedNotification, (p) => {
      this.status.runStarted(p, Date.now());
      this.program.started(p);
      this.runningChanged();
    });
    client.onNotification(OutputNotification, (p) => {
      this.status.output(p);
      this.program.output(p);
    });
    client.onNotification(RunEndedNotification, (p) => {
      this.status.runEnded(p);
      this.program.ended(p);
      this.runningChanged();
    });
    client.onNotification(BuildEndedNotification, (p) => {
      this.status.buildEnded(p);
      this.render();
    });
    client.onNotification(TestResultsNotification, (p) => this.tests.notified(p));
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        this.status.serverState({ state: 'running' });
        void this.askStatus();
        void this.tests.refresh();
      } else {
        this.tests.serverStopped();
        // the server (and so every program it ran) is gone or not yet there: nothing runs
        this.status.serverState(e.newState === State.Starting ? { state: 'starting' }
          : { state: 'down', why: 'stopped', detail: 'HotLSP is not running; see the "HotLSP" output channel' });
      }
      this.runningChanged();
    });
    const taken = new Set(await vscode.commands.getCommands(true));
    registerOnlyFreeCommands(client.getFeature(ExecuteCommandRequest.method), taken, (skipped) =>
      this.log.warn(`commands another extension already has, left to it: ${skipped.join(', ')}`));
    this.client = client;
    this.status.serverState({ state: 'starting' });
    this.render();
    try {
      await client.start();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(`HotLSP did not start: ${message}`);
      this.down('did not start', message);
    }
  }

  /** Asks HotLSP what runs (after each start, and while programs run) and shows exactly that. */
  private async askStatus(): Promise<void> {
    const client = this.client;
    if (!client || client.state !== State.Running) {
      return;
    }
    try {
      const runs = await client.sendRequest('workspace/executeCommand', { command: Commands.status, arguments: [] }) as RunStatus[];
      if (client !== this.client || !Array.isArray(runs)) {
        return;
      }
      this.status.reset(runs, Date.now());
      runs.forEach((r) => this.status.memory(r.runId, r.peakRssKiB));
      this.runningChanged();
    } catch (e) {
      this.log.warn(`hotlsp.status: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** HotLSP is not running: the status item says why until it does. */
  private down(why: string, detail: string): void {
    this.status.serverState({ state: 'down', why, detail });
    this.runningChanged();
  }

  async stopServer(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    if (c) {
      await c.stop(5000).catch(() => undefined);
    }
  }

  async restartServer(): Promise<void> {
    await this.stopServer();
    this.status.buildDone();
    await this.start();
  }

  async executeCommand(command: string, args: unknown[], token?: vscode.CancellationToken): Promise<unknown> {
    if (!this.client) {
      throw new Error('HotLSP is not running');
    }
    const params = { command, arguments: args };
    // an undefined token would go as a second parameter: the params would be sent as an array
    return token ? this.client.sendRequest('workspace/executeCommand', params, token) : this.client.sendRequest('workspace/executeCommand', params);
  }

  doctor(): Promise<string> {
    const java = this.java;
    if (!java) {
      return Promise.reject(new Error('no Java to run hotlsp doctor with'));
    }
    const isolation = vscode.workspace.getConfiguration('hotlsp').get<string>('run.isolation') ?? 'local';
    const jar = this.context.asAbsolutePath(path.join('server', 'hotlsp.jar'));
    return new Promise((resolve) => execFile(java.java, ['-jar', jar, 'doctor', '--isolation', isolation],
      { timeout: 60_000 }, (err, stdout, stderr) => {
        const code = err && typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 0;
        resolve(`$ hotlsp doctor --isolation ${isolation}   (exit ${code})\n\n${stdout}${stderr}`);
      }));
  }

  dispose(): void {
    clearInterval(this.ticker);
    clearInterval(this.poller);
    this.more.forEach((i) => i.dispose());
    this.disposables.forEach((d) => d.dispose());
  }

  /** The go command for HotLSP and gopls: hotlsp.go.path, else PATH, else the usual install directory. */
  private findGo(setting: string | undefined): string | undefined {
    if (setting) {
      if (executableFile(setting)) {
        this.log.info(`go: ${setting} (hotlsp.go.path)`);
        return setting;
      }
      this.log.error(`hotlsp.go.path (${setting}) is not an executable file`);
    }
    const go = goCommand(process.env);
    if (go) {
      this.log.info(`go: ${go}`);
    } else if (!this.goMissingShown) {
      this.goMissingShown = true; // one message per window: gopls's own would follow each start
      void vscode.window.showWarningMessage('HotLSP: no go command found (PATH, /usr/local/go/bin). Install Go, or set hotlsp.go.path.',
        'Open Settings').then((open) => open && vscode.commands.executeCommand(...openSettingCommand(vscode.env.remoteName, 'hotlsp.go.path')));
    }
    return go;
  }

  private goMissingShown = false;

  private async findGopls(setting: string | undefined, go: string | undefined): Promise<string | undefined> {
    const storageBin = path.join(this.context.globalStorageUri.fsPath, 'bin');
    const lookup = locateGopls(goplsCandidates(setting, process.env, storageBin));
    if (lookup.found) {
      this.log.info(`gopls: ${lookup.found}`);
      return lookup.found;
    }
    const looked = setting ? `hotlsp.gopls.path (${setting})` : lookup.tried.join(', ');
    this.log.error(`gopls not found; looked at ${looked}`);
    if (setting || !go) {
      void vscode.window.showErrorMessage(setting ? `HotLSP: gopls not found at "${setting}" (hotlsp.gopls.path).`
        : 'HotLSP needs gopls, and go is not installed to install it. Install Go, or set hotlsp.gopls.path.');
      return undefined;
    }
    const install = `Install gopls ${GOPLS_VERSION}`;
    const answer = await vscode.window.showWarningMessage(
      `HotLSP needs gopls, which was not found (GOBIN, GOPATH/bin, ~/go/bin, PATH). Install gopls ${GOPLS_VERSION} with go install?`,
      install);
    if (answer !== install) {
      return undefined;
    }
    try {
      const installed = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Installing gopls ${GOPLS_VERSION}`, cancellable: false },
        (progress) => installGopls(go, storageBin, process.env, (line) => {
          this.log.info(`go install: ${line}`);
          progress.report({ message: line.slice(0, 80) });
        }));
      this.log.info(`gopls installed: ${installed}`);
      return installed;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.error(message);
      void vscode.window.showErrorMessage(`HotLSP: ${message}`);
      return undefined;
    }
  }

  private runningChanged(): void {
    const running = this.status.running().length > 0;
    void vscode.commands.executeCommand('setContext', 'hotlsp.running', running);
    this.lens.refresh();
    clearInterval(this.ticker);
    clearInterval(this.poller);
    this.ticker = running ? setInterval(() => this.render(), 500) : undefined;
    this.poller = running ? setInterval(() => void this.askStatus(), STATUS_POLL_MS) : undefined;
    this.render();
  }

  private render(): void {
    const views = this.status.views(Date.now());
    while (this.more.length < views.length - 1) {
      const i = this.more.length + 1;
      const item = vscode.window.createStatusBarItem(`hotlsp.status.${i}`, vscode.StatusBarAlignment.Left, -i);
      item.name = `HotLSP program ${i + 1}`;
      item.command = Ids.showOutput;
      this.more.push(item);
    }
    while (this.more.length > views.length - 1) {
      this.more.pop()?.dispose();
    }
    show(this.item, views[0]);
    this.more.forEach((item, i) => show(item, views[i + 1]));
  }
}

function show(item: vscode.StatusBarItem, view: StatusView): void {
  item.text = view.text;
  item.tooltip = view.tooltip;
  item.backgroundColor = view.kind === 'crashed' || view.kind === 'failed'
    ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  item.show();
}

/** The import path of the active editor's Go package, if its module is known. */
function activeImportPath(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  const folder = doc ? vscode.workspace.getWorkspaceFolder(doc.uri) : undefined;
  return doc && folder && doc.uri.scheme === 'file' ? importPathOf(folder.uri.fsPath, doc.uri.fsPath, readText) : undefined;
}

/** The language client, but a request the editor sent by itself fails into the log, never a pop-up. */
class HotLspClient extends LanguageClient {
  override handleFailedRequest<T>(type: MessageSignature, token: vscode.CancellationToken | undefined, error: unknown, defaultValue: T,
    showNotification = true, throwOnCancel = false): T {
    return super.handleFailedRequest(type, token, error, defaultValue, showNotification && showsFailure(type.method), throwOnCancel);
  }
}

/** The editor title's Run shows only where the lens would (`hotlsp.activeRunnable`: see `runnable`). */
function activeRunnableChanged(): void {
  const doc = vscode.window.activeTextEditor?.document;
  const folder = doc && doc.uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(doc.uri) : undefined;
  const can = !!doc && !!folder && runnable(folder.uri.fsPath, doc.uri.fsPath, fileExists);
  void vscode.commands.executeCommand('setContext', 'hotlsp.activeRunnable', can);
}

/** `java -version` output (it writes to stderr). */
function javaVersion(java: string): Promise<string> {
  return new Promise((resolve, reject) => execFile(java, ['-version'], { timeout: 15_000 }, (err, stdout, stderr) => {
    if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') {
      reject(err);
    } else if (err && !stderr && !stdout) {
      reject(err);
    } else {
      resolve(`${stderr}${stdout}`);
    }
  }));
}
