// Activation: finds Java and gopls, starts HotLSP through vscode-languageclient, and wires its
// messages to the status bar, the program's output channel, the commands and the code lens.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFile, spawn } from 'node:child_process';
import * as vscode from 'vscode';
import { ExecuteCommandRequest, LanguageClient, LanguageClientOptions, StreamMessageReader, StreamMessageWriter } from 'vscode-languageclient/node';
import { registerOnlyFreeCommands } from './serverCommands';
import { registerCommands, Server, Ids } from './commands';
import { MainCodeLens } from './codeLens';
import { offerHandOver } from './coexistence';
import { findJava } from './java';
import { goCommand, goplsCandidates, installGopls, locateGopls, GOPLS_VERSION } from './gopls';
import { buildProgress, cdsArchive, launchPlan, removeOtherArchives, tapReader } from './launch';
import { ProgramOutput } from './programOutput';
import { BuildEndedNotification, OutputNotification, RunEndedNotification, RunStartedNotification } from './protocol';
import { needsRestart, serveArguments } from './settings';
import { ServerLogRouter } from './serverLog';
import { StatusModel } from './status';

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

/** One window's HotLSP: the client, its channels and the status bar item. */
class Session implements vscode.Disposable, Server {
  private client?: LanguageClient;
  private java?: { java: string; major: number };
  private readonly log = vscode.window.createOutputChannel('HotLSP', { log: true });
  private readonly programChannel = vscode.window.createOutputChannel('HotLSP Program');
  private readonly program = new ProgramOutput(this.programChannel);
  private readonly status = new StatusModel();
  private readonly item = vscode.window.createStatusBarItem('hotlsp.status', vscode.StatusBarAlignment.Left, 0);
  private readonly lens = new MainCodeLens(() => this.status.runningTarget() !== undefined);
  private readonly disposables: vscode.Disposable[] = [];
  private ticker?: NodeJS.Timeout;

  constructor(private readonly context: vscode.ExtensionContext) {
    this.item.name = 'HotLSP';
    this.item.command = Ids.showOutput;
    this.render();
    this.item.show();
    this.disposables.push(
      this.log, this.programChannel, this.item,
      ...registerCommands(() => (this.client ? this : undefined), () => this.program.show()),
      vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file' }, this.lens),
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
      const open = await vscode.window.showErrorMessage(found.message, 'Open Settings');
      if (open) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'hotlsp.java.home');
      }
      return;
    }
    this.java = found;
    this.log.info(`Java ${found.major}: ${found.java} (from ${found.origin})`);
    const gopls = await this.findGopls(config.get<string>('gopls.path'));
    if (!gopls) {
      return;
    }
    const storage = this.context.globalStorageUri.fsPath;
    fs.mkdirSync(storage, { recursive: true });
    const jar = this.context.asAbsolutePath(path.join('server', 'hotlsp.jar'));
    const stat = fs.statSync(jar);
    const cds = cdsArchive(storage, found.major, { jar, size: stat.size, mtimeMs: stat.mtimeMs });
    removeOtherArchives(storage, cds);
    const plan = launchPlan(found.java, cds, jar, gopls, serveArguments((k) => config.get(k)), process.env);
    const cwd = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    const router = new ServerLogRouter(this.log);
    this.log.info(`starting: ${plan.command} ${plan.args.join(' ')}`);
    const options: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'go' }],
      outputChannel: this.log,
      traceOutputChannel: this.log,
      synchronize: { configurationSection: 'gopls' },
    };
    const client = new LanguageClient('hotlsp', 'HotLSP', async () => {
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
    const taken = new Set(await vscode.commands.getCommands(true));
    registerOnlyFreeCommands(client.getFeature(ExecuteCommandRequest.method), taken, (skipped) =>
      this.log.warn(`commands another extension already has, left to it: ${skipped.join(', ')}`));
    this.client = client;
    try {
      await client.start();
    } catch (e) {
      this.log.error(`HotLSP did not start: ${e instanceof Error ? e.message : String(e)}`);
    }
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

  async executeCommand(command: string, args: unknown[]): Promise<unknown> {
    if (!this.client) {
      throw new Error('HotLSP is not running');
    }
    return this.client.sendRequest('workspace/executeCommand', { command, arguments: args });
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
    this.disposables.forEach((d) => d.dispose());
  }

  private async findGopls(setting: string | undefined): Promise<string | undefined> {
    const storageBin = path.join(this.context.globalStorageUri.fsPath, 'bin');
    const lookup = locateGopls(goplsCandidates(setting, process.env, storageBin));
    if (lookup.found) {
      this.log.info(`gopls: ${lookup.found}`);
      return lookup.found;
    }
    const looked = setting ? `hotlsp.gopls.path (${setting})` : lookup.tried.join(', ');
    this.log.error(`gopls not found; looked at ${looked}`);
    const go = goCommand(process.env);
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
    const running = this.status.runningTarget() !== undefined;
    void vscode.commands.executeCommand('setContext', 'hotlsp.running', running);
    this.lens.refresh();
    clearInterval(this.ticker);
    this.ticker = running ? setInterval(() => this.render(), 500) : undefined;
    this.render();
  }

  private render(): void {
    const pid = this.status.runningPid();
    this.status.memory(pid && pid.isolation === 'local' ? residentKiB(pid.pid) : undefined);
    const view = this.status.view(Date.now());
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = view.kind === 'crashed' || view.kind === 'failed'
      ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }
}

/** The resident memory of a process in KiB (Linux /proc), or undefined. */
function residentKiB(pid: number): number | undefined {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
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
