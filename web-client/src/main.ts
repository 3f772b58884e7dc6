// The page `hotlsp web` serves: Monaco (monaco-vscode-api) with monaco-languageclient on the
// session's WebSocket, a file tree, a problems list, Run/Stop with a target picker and the
// program's live output. A dropped connection is reopened; the new session gets the open documents.
import '@codingame/monaco-vscode-theme-defaults-default-extension';
import '@codingame/monaco-vscode-go-default-extension';
import * as vscode from 'vscode';
import * as monaco from '@codingame/monaco-vscode-editor-api';
import { createModelReference, type ITextFileEditorModel } from '@codingame/monaco-vscode-api/monaco';
import type { IReference } from '@codingame/monaco-vscode-editor-service-override';
import { MonacoVscodeApiWrapper } from 'monaco-languageclient/vscodeApiWrapper';
import { LanguageClientWrapper } from 'monaco-languageclient/lcwrapper';
import { configureDefaultWorkerFactory } from 'monaco-languageclient/workerFactory';
import { CloseAction, ErrorAction } from 'vscode-languageclient/browser.js';
import { FilesRequest, Notifications, type FilesResult, type OutputParams, type RunEndedParams, type RunStartedParams } from './hotlsp';
import { markOpen, onFirstSquiggle, renderProblems, renderTree } from './panels';
import { openSocket, rawRequest, sessionUrl } from './rpc';
import { RunPanel } from './runPanel';
import { registerWorkspaceFiles, uriOf } from './workspaceFs';

/**
 * What the browser test and the page-load bench read (window.hotlsp): when the first error
 * squiggle showed and each start-up phase ended (ms since navigation start), the connections made
 * so far, the editor (to place the cursor before it types) and the current socket (to drop it).
 */
interface PageProbe {
  firstSquiggleMs?: number;
  phases: Record<string, number>;
  connections: number;
  connected: boolean;
  editor?: monaco.editor.IStandaloneCodeEditor;
  socket?: WebSocket;
}
const probe: PageProbe = { connections: 0, connected: false, phases: {} };
const phase = (name: string) => (probe.phases[name] ??= Math.round(performance.now()));
phase('script');
(window as unknown as { hotlsp: PageProbe }).hotlsp = probe;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function setStatus(text: string, cls: string) {
  const el = $('status');
  el.textContent = text;
  el.className = `status ${cls}`;
}

// ---- the connection, replaced after a drop ---------------------------------------------------

let wrapper: LanguageClientWrapper | undefined;
let ready: Promise<void>;
let markReady: () => void = () => {};
let root: vscode.Uri;
/** The first socket, for requests before the language client owns it (the first file's text). */
let firstSocket: WebSocket | undefined;

function waitForConnection() {
  ready = new Promise((resolve) => (markReady = resolve));
}
waitForConnection();

async function request<R>(method: string, params: unknown): Promise<R> {
  if (!wrapper && firstSocket) {
    return rawRequest<R>(firstSocket, method, params);
  }
  await ready;
  return wrapper!.getLanguageClient()!.sendRequest(method, params) as Promise<R>;
}

const runs = new RunPanel((name, args = []) => request('workspace/executeCommand', { command: name, arguments: args }));

async function startClient(ws: WebSocket) {
  const lc = new LanguageClientWrapper({
    languageId: 'go',
    connection: { options: { $type: 'WebSocketDirect', webSocket: ws } },
    clientOptions: {
      documentSelector: [{ language: 'go' }],
      workspaceFolder: { index: 0, name: root.path.split('/').pop() ?? 'workspace', uri: root },
      // reconnecting is the page's business (a new socket, a new session)
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => ({ action: CloseAction.DoNotRestart }),
      },
    },
  });
  await lc.start();
  const client = lc.getLanguageClient()!;
  client.onNotification(Notifications.output, (p: OutputParams) => runs.outputArrived(p));
  client.onNotification(Notifications.runStarted, (p: RunStartedParams) => runs.runStarted(p));
  client.onNotification(Notifications.runEnded, (p: RunEndedParams) => runs.runEnded(p));
  wrapper = lc;
  probe.connections++;
  probe.connected = true;
  probe.socket = ws;
  ws.addEventListener('close', () => void dropped(lc), { once: true });
  setStatus('connected', 'connected');
  markReady();
  void runs.connectedTo();
}

async function dropped(lc: LanguageClientWrapper) {
  if (wrapper !== lc) {
    return;
  }
  probe.connected = false;
  waitForConnection();
  runs.disconnected();
  runs.meta('connection lost; reconnecting…');
  setStatus('reconnecting…', 'disconnected');
  // the old client goes first (its diagnostics with it), so it cannot clear what the new session publishes
  await Promise.race([lc.dispose().catch(() => {}), new Promise((r) => setTimeout(r, 3000))]);
  for (let attempt = 0; ; attempt++) {
    setStatus(`reconnecting (${attempt + 1})…`, 'disconnected');
    try {
      const ws = await openSocket(sessionUrl());
      const files = await rawRequest<FilesResult>(ws, FilesRequest, {});
      if (vscode.Uri.parse(files.root).toString() !== root.toString()) {
        // `hotlsp web --sessions`: each connection is a fresh copy; the open documents are not in it
        runs.meta('this server gives each connection a fresh copy of the workspace (--sessions): reload the page to start over', true);
        setStatus('disconnected: reload the page', 'disconnected');
        ws.close(1000, 'a different workspace');
        return;
      }
      await startClient(ws);
      runs.meta('reconnected: a new session with the open documents');
      return;
    } catch (e) {
      console.warn('reconnect failed', e);
    }
    await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 5000)));
  }
}

// ---- files and the editor --------------------------------------------------------------------

let editor: monaco.editor.IStandaloneCodeEditor;
/** Every file opened so far; its model stays open (and in the session) for the page's life. */
const models = new Map<string, IReference<ITextFileEditorModel>>();
let current: vscode.Uri | undefined;

async function openFile(uri: vscode.Uri, selection?: monaco.IRange) {
  let ref = models.get(uri.toString());
  if (!ref) {
    ref = await createModelReference(uri);
    models.set(uri.toString(), ref);
  }
  show(uri, ref.object.textEditorModel!, selection);
}

function show(uri: vscode.Uri, model: monaco.editor.ITextModel, selection?: monaco.IRange) {
  current = uri;
  if (editor.getModel() !== model) {
    editor.setModel(model);
  }
  if (selection) {
    editor.setSelection(selection);
    editor.revealRangeInCenter(selection);
  }
  $('filename').textContent = relative(uri);
  markOpen($('tree'), relative(uri));
  editor.focus();
}

function relative(uri: vscode.Uri): string {
  const base = root.path.endsWith('/') ? root.path : root.path + '/';
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}

async function save() {
  const ref = current && models.get(current.toString());
  if (!current || !ref) {
    return;
  }
  try {
    await ref.object.save({ force: true });
    runs.meta(`saved ${relative(current)}`);
  } catch (e) {
    runs.meta(`could not save ${relative(current)}: ${(e as Error).message}`, true);
  }
}

// ---- start -----------------------------------------------------------------------------------

async function main() {
  const ws = await openSocket(sessionUrl());
  firstSocket = ws;
  phase('socket');
  const files = await rawRequest<FilesResult>(ws, FilesRequest, {});
  phase('files');
  root = vscode.Uri.parse(files.root);
  registerWorkspaceFiles(root, files.files, request);

  const api = new MonacoVscodeApiWrapper({
    $type: 'extended',
    viewsConfig: {
      $type: 'EditorService',
      // go to definition (and the problems list) in another workspace file: show it in the one editor
      openEditorFunc: async (modelRef, options) => {
        const uri = vscode.Uri.parse(modelRef.object.textEditorModel.uri.toString());
        if (!models.has(uri.toString())) {
          models.set(uri.toString(), modelRef as unknown as IReference<ITextFileEditorModel>);
        }
        type Selection = { startLineNumber: number; startColumn: number; endLineNumber?: number; endColumn?: number };
        const sel = (options as { selection?: Selection } | undefined)?.selection;
        show(uri, modelRef.object.textEditorModel, sel
          ? { startLineNumber: sel.startLineNumber, startColumn: sel.startColumn, endLineNumber: sel.endLineNumber ?? sel.startLineNumber, endColumn: sel.endColumn ?? sel.startColumn }
          : undefined);
        return editor;
      },
    },
    workspaceConfig: {
      workspaceProvider: {
        trusted: true,
        workspace: { folderUri: root },
        open: async () => false,
      },
    },
    userConfiguration: {
      json: JSON.stringify({
        'workbench.colorTheme': 'Default Dark Modern',
        'editor.wordBasedSuggestions': 'off',
        'editor.lightbulb.enabled': 'off',
        'files.autoSave': 'off',
      }),
    },
    monacoWorkerFactory: configureDefaultWorkerFactory,
  });
  await api.start();
  phase('monaco');

  const container = $('editor');
  onFirstSquiggle(container, () => (probe.firstSquiggleMs = performance.now()));
  editor = monaco.editor.create(container, { automaticLayout: true, model: null, minimap: { enabled: false }, fontSize: 13 });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void save());
  probe.editor = editor;
  monaco.editor.onDidChangeMarkers(() => renderProblems($('problems'), $('problem-count'),
    (resource) => relative(vscode.Uri.parse(resource)),
    (resource, range) => void openFile(vscode.Uri.parse(resource), range)));
  renderTree($('tree'), files, (path) => void openFile(uriOf(root, path)));

  // the first file is read before the client starts, so its initialize and didOpen go together
  const first = files.files.find((f) => f.path === 'main.go') ?? files.files.find((f) => f.path.endsWith('.go'));
  if (first) {
    await openFile(uriOf(root, first.path));
  }
  phase('opened');
  await startClient(ws);
  firstSocket = undefined;
  phase('initialized');
}

main().catch((e) => {
  console.error(e);
  setStatus(`cannot start: ${(e as Error).message}`, 'disconnected');
});
