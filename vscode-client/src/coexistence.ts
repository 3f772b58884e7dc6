// vscode-go and HotLSP side by side: when vscode-go runs its own gopls, the user is told once how
// to hand the language server over to HotLSP ("go.useLanguageServer": false), and may do it in a click.
import type * as vscode from 'vscode';

export const GO_EXTENSION = 'golang.go';
const ASKED = 'hotlsp.coexistence.asked';
export const HAND_OVER = 'Hand over to HotLSP';
export const NOT_NOW = 'Not now';

export const MESSAGE =
  'vscode-go also runs gopls, so each problem would show twice. To let HotLSP be the Go language server, ' +
  'set "go.useLanguageServer": false (vscode-go keeps debugging, tests and tools; your "gopls" settings still apply).';

/** Whether vscode-go is installed and its language server is on. */
export function vscodeGoRunsGopls(api: Pick<typeof vscode, 'extensions' | 'workspace'>): boolean {
  if (!api.extensions.getExtension(GO_EXTENSION)) {
    return false;
  }
  return api.workspace.getConfiguration('go').get<boolean>('useLanguageServer', true) !== false;
}

/** Asks once (remembered in globalState); on "Hand over" sets go.useLanguageServer to false for the user. */
export async function offerHandOver(api: Pick<typeof vscode, 'extensions' | 'workspace' | 'window'>,
  state: vscode.Memento, configurationTarget: vscode.ConfigurationTarget): Promise<'asked' | 'skipped' | 'handed-over'> {
  if (!vscodeGoRunsGopls(api) || state.get<boolean>(ASKED)) {
    return 'skipped';
  }
  await state.update(ASKED, true);
  const answer = await api.window.showInformationMessage(MESSAGE, HAND_OVER, NOT_NOW);
  if (answer === HAND_OVER) {
    await api.workspace.getConfiguration('go').update('useLanguageServer', false, configurationTarget);
    return 'handed-over';
  }
  return 'asked';
}
