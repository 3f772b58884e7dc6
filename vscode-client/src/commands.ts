// The HotLSP: … commands, each a workspace/executeCommand of HotLSP's own (docs/lsp-extensions.md).
import * as vscode from 'vscode';
import { Commands, InvalidParams, RunArguments, targetsOfAmbiguity } from './protocol';

/** What the commands need of the running language server. */
export interface Server {
  /** `workspace/executeCommand`; rejects with the server's ResponseError (code, message). */
  executeCommand(command: string, args: unknown[]): Promise<unknown>;
  /** Runs `hotlsp doctor` and gives its report. */
  doctor(): Promise<string>;
  /** Stops and starts HotLSP again. */
  restartServer(): Promise<void>;
}

/** The extension's command ids. */
export const Ids = {
  run: 'hotlsp.runProgram',
  stop: 'hotlsp.stopProgram',
  restart: 'hotlsp.restartProgram',
  dump: 'hotlsp.dumpGoroutines',
  restartGopls: 'hotlsp.gopls.restart', // not hotlsp.restartGopls: the client registers the server's commands under their own names
  showOutput: 'hotlsp.showProgramOutput',
  doctor: 'hotlsp.runDoctor',
  restartServer: 'hotlsp.restartServer',
} as const;

/** The programs running now and the package of the active editor (import paths), for Stop and Restart. */
export interface Runs {
  running(): string[];
  active(): string | undefined;
}

const NO_RUNS: Runs = { running: () => [], active: () => undefined };

/** Registers every command; `showOutput` reveals the program's output channel. */
export function registerCommands(server: () => Server | undefined, showOutput: () => void, runs: Runs = NO_RUNS): vscode.Disposable[] {
  const withServer = async <T>(body: (s: Server) => Promise<T>): Promise<T | undefined> => {
    const s = server();
    if (!s) {
      void vscode.window.showErrorMessage('HotLSP is not running; see the "HotLSP" output channel.');
      return undefined;
    }
    try {
      return await body(s);
    } catch (e) {
      void vscode.window.showErrorMessage(`HotLSP: ${messageOf(e)}`);
      return undefined;
    }
  };
  return [
    vscode.commands.registerCommand(Ids.run, (arg?: RunArguments | vscode.Uri) =>
      withServer((s) => runProgram(s, typeof (arg as RunArguments)?.target === 'string' ? (arg as RunArguments).target : undefined))),
    vscode.commands.registerCommand(Ids.stop, (arg?: { target?: string }) =>
      withServer(async (s) => {
        const args = await targetArguments(arg?.target, runs, 'stop');
        return args ? s.executeCommand(Commands.stop, args) : undefined;
      })),
    vscode.commands.registerCommand(Ids.restart, (arg?: { target?: string }) =>
      withServer(async (s) => {
        const args = await targetArguments(arg?.target, runs, 'restart');
        return args ? s.executeCommand(Commands.restart, args) : undefined;
      })),
    vscode.commands.registerCommand(Ids.dump, (arg?: { target?: string }) =>
      withServer(async (s) => {
        const args = await targetArguments(arg?.target, runs, 'dump');
        return args ? s.executeCommand(Commands.dump, args) : undefined;
      })),
    vscode.commands.registerCommand(Ids.restartGopls, () => withServer((s) => s.executeCommand(Commands.restartGopls, []))),
    vscode.commands.registerCommand(Ids.showOutput, () => showOutput()),
    vscode.commands.registerCommand(Ids.doctor, () => withServer(async (s) => {
      const report = await s.doctor();
      const doc = await vscode.workspace.openTextDocument({ content: report, language: 'plaintext' });
      await vscode.window.showTextDocument(doc, { preview: true });
    })),
    vscode.commands.registerCommand(Ids.restartServer, () => withServer((s) => s.restartServer())),
  ];
}

/** The quick pick's entry that means every running program. */
export const ALL = 'All running programs';

/**
 * The arguments of `hotlsp.stop`/`hotlsp.restart`/`hotlsp.dump`: the target named, else the only program running
 * (none: HotLSP's answer says so), else the active editor's package when it runs, else the one the
 * user picks (undefined: the pick was dismissed).
 */
export async function targetArguments(named: string | undefined, runs: Runs, verb: 'stop' | 'restart' | 'dump'):
  Promise<{ target: string }[] | undefined> {
  if (named) {
    return [{ target: named }];
  }
  const running = runs.running();
  if (running.length <= 1) {
    return [];
  }
  const active = runs.active();
  if (active && running.includes(active)) {
    return [{ target: active }];
  }
  const picked = await vscode.window.showQuickPick([...running, ALL], { placeHolder: `Which program should HotLSP ${verb}?` });
  if (!picked) {
    return undefined;
  }
  return picked === ALL ? [] : [{ target: picked }];
}

/** `hotlsp.run`; when HotLSP answers that there are several main packages, the user picks one. */
export async function runProgram(s: Server, target?: string): Promise<unknown> {
  try {
    return await s.executeCommand(Commands.run, target ? [{ target }] : []);
  } catch (e) {
    const targets = codeOf(e) === InvalidParams && !target ? targetsOfAmbiguity(messageOf(e)) : [];
    if (targets.length === 0) {
      throw e;
    }
    const picked = await vscode.window.showQuickPick(targets, { placeHolder: 'Which program should HotLSP run?' });
    return picked ? s.executeCommand(Commands.run, [{ target: picked }]) : undefined;
  }
}

function codeOf(e: unknown): number | undefined {
  const c = (e as { code?: unknown })?.code;
  return typeof c === 'number' ? c : undefined;
}

export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
