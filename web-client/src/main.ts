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
import {
  Commands,
  FilesRequest,
  Notifications,
  type FilesResult,
  type OutputParams,
  type RunEndedParams,
  type RunStartedParams,
  type RunStatus,
} from './hotlsp';
import { openSocket, rawRequest, sessionUrl } from './rpc';
import { registerWorkspaceFiles, uriOf } from './workspaceFs';

/**
 * What the browser test reads (window.hotlsp): when the first error squiggle showed (ms since
 * navigation start), the connections made so far, the editor (to place the cursor before it types)
 * and the current socket (to drop it).
 */
interface PageProbe {
  firstSquiggleMs?: number;
  /** when each start-up phase ended, ms since navigation start */
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
const statusEl = $('status');
const outputEl = $('output');
const runBtn = $<HTMLButtonElement>('run');
const stopBtn = $<HTMLButtonElement>('stop');
const targetSel = $<HTMLSelectElement>('target');
const runInfo = $('runinfo');

function setStatus(text: string, cls: string) {
  statusEl.textContent = text;
  statusEl.className = `status ${cls}`;
}

// ---- the connection, replaced after a drop ---------------------------------------------------

let wrapper: LanguageClientWrapper | undefined;
let ready: Promise<void>;
let markReady: () => void = () => {};
let root: vscode.Uri;

function waitForConnection() {
  ready = new Promise((resolve) => (markReady = resolve));
}
waitForConnection();

/** The first socket, for requests before the language client owns it (the first file's text). */
let firstSocket: WebSocket | undefined;

async function request<R>(method: string, params: unknown): Promise<R> {
  if (!wrapper && firstSocket) {
    return rawRequest<R>(firstSocket, method, params);
  }
  await ready;
  return wrapper!.getLanguageClient()!.sendRequest(method, params) as Promise<R>;
}

function command<R>(name: string, args: unknown[] = []): Promise<R> {
  return request<R>('workspace/executeCommand', { command: name, arguments: args });
}

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
  client.onNotification(Notifications.output, (p: OutputParams) => appendOutput(p.text, p.stream, p.droppedBytes));
  client.onNotification(Notifications.runStarted, (p: RunStartedParams) => runStarted(p));
  client.onNotification(Notifications.runEnded, (p: RunEndedParams) => runEnded(p));
  wrapper = lc;
  probe.connections++;
  probe.connected = true;
  probe.socket = ws;
  ws.addEventListener('close', () => dropped(lc), { once: true });
  setStatus('connected', 'connected');
  markReady();
  void refreshRuns();
}

async function dropped(lc: LanguageClientWrapper) {
  if (wrapper !== lc) {
    return;
  }
  probe.connected = false;
  waitForConnection();
  running.clear();
  updateButtons();
  appendMeta('connection lost; reconnecting…');
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
        appendMeta('this server gives each connection a fresh copy of the workspace (--sessions): reload the page to start over', true);
        setStatus('disconnected: reload the page', 'disconnected');
        ws.close(1000, 'a different workspace');
        return;
      }
      await startClient(ws);
      appendMeta('reconnected: a new session with the open documents');
      return;
    } catch (e) {
      console.warn('reconnect failed', e);
    }
    await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** attempt, 5000)));
  }
}

// ---- files and the editor --------------------------------------------------------------------

let editor: monaco.editor.IStandaloneCodeEditor;
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
  for (const el of document.querySelectorAll<HTMLElement>('#tree .file')) {
    el.classList.toggle('open', el.dataset.path === relative(uri));
  }
  editor.focus();
}

function relative(uri: vscode.Uri): string {
  const base = root.path.endsWith('/') ? root.path : root.path + '/';
  return uri.path.startsWith(base) ? uri.path.slice(base.length) : uri.path;
}

async function save() {
  if (!current) {
    return;
  }
  const ref = models.get(current.toString());
  if (!ref) {
    return;
  }
  try {
    await ref.object.save({ force: true });
    appendMeta(`saved ${relative(current)}`);
  } catch (e) {
    appendMeta(`could not save ${relative(current)}: ${(e as Error).message}`, true);
  }
}

function renderTree(files: FilesResult) {
  const tree = $('tree');
  tree.replaceChildren();
  let lastDirs: string[] = [];
  for (const f of files.files) {
    const parts = f.path.split('/');
    const dirs = parts.slice(0, -1);
    dirs.forEach((d, i) => {
      if (lastDirs[i] !== d || lastDirs.slice(0, i).join('/') !== dirs.slice(0, i).join('/')) {
        const el = document.createElement('div');
        el.className = 'dir';
        el.style.paddingLeft = `${8 + i * 12}px`;
        el.textContent = `${d}/`;
        tree.append(el);
        lastDirs = dirs.slice(0, i + 1);
      }
    });
    lastDirs = dirs;
    const el = document.createElement('div');
    el.className = 'file';
    el.dataset.path = f.path;
    el.style.paddingLeft = `${8 + dirs.length * 12}px`;
    el.textContent = parts[parts.length - 1];
    el.title = `${f.path} (${f.size} bytes)`;
    el.addEventListener('click', () => void openFile(uriOf(root, f.path)));
    tree.append(el);
  }
  if (files.truncated) {
    const el = document.createElement('div');
    el.className = 'dir';
    el.textContent = '… (more files not listed)';
    tree.append(el);
  }
}

// ---- problems --------------------------------------------------------------------------------

function renderProblems() {
  const markers = monaco.editor
    .getModelMarkers({})
    .filter((m) => m.severity >= monaco.MarkerSeverity.Warning)
    .sort((a, b) => b.severity - a.severity || a.resource.path.localeCompare(b.resource.path) || a.startLineNumber - b.startLineNumber);
  const list = $('problems');
  list.replaceChildren();
  for (const m of markers) {
    const li = document.createElement('li');
    li.className = m.severity === monaco.MarkerSeverity.Error ? 'error' : 'warning';
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = ` ${relative(vscode.Uri.parse(m.resource.toString()))}:${m.startLineNumber}:${m.startColumn}${m.source ? ` [${m.source}]` : ''}`;
    li.append(m.message, where);
    li.addEventListener('click', () =>
      void openFile(vscode.Uri.parse(m.resource.toString()), {
        startLineNumber: m.startLineNumber,
        startColumn: m.startColumn,
        endLineNumber: m.endLineNumber,
        endColumn: m.endColumn,
      }),
    );
    list.append(li);
  }
  $('problem-count').textContent = markers.length ? `(${markers.length})` : '';
}

function watchFirstSquiggle(container: HTMLElement) {
  const seen = new MutationObserver(() => {
    if (probe.firstSquiggleMs === undefined && container.querySelector('.squiggly-error')) {
      probe.firstSquiggleMs = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(container, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
}

// ---- runs ------------------------------------------------------------------------------------

const running = new Map<string, RunStartedParams>();
const MAX_OUTPUT_NODES = 2000;

function appendOutput(text: string, cls: string, dropped?: number) {
  if (dropped) {
    appendMeta(`[${dropped} bytes of output dropped]`);
  }
  const atBottom = outputEl.scrollTop + outputEl.clientHeight >= outputEl.scrollHeight - 4;
  const span = document.createElement('span');
  span.className = cls;
  span.textContent = text;
  outputEl.append(span);
  while (outputEl.childNodes.length > MAX_OUTPUT_NODES) {
    outputEl.firstChild!.remove();
  }
  if (atBottom) {
    outputEl.scrollTop = outputEl.scrollHeight;
  }
}

function appendMeta(text: string, error = false) {
  appendOutput(`── ${text}\n`, error ? 'meta stderr' : 'meta');
}

function short(target: string) {
  return target.split('/').slice(-2).join('/');
}

function runStarted(p: RunStartedParams) {
  running.set(p.target, p);
  appendMeta(`${short(p.target)} started (run ${p.runId}, pid ${p.pid}, ${p.isolation})`);
  runInfo.textContent = `running ${short(p.target)}`;
  updateButtons();
}

function runEnded(p: RunEndedParams) {
  if (running.get(p.target)?.runId === p.runId) {
    running.delete(p.target);
  }
  const summary = `exit ${p.exitCode}${p.signal ? ` (signal ${p.signal})` : ''} · ${p.reason} · ${p.wallMs} ms · cpu ${p.cpuMs} ms · peak ${p.peakRssKiB} KiB`;
  appendMeta(`${short(p.target)} ended: ${summary}`, p.reason === 'crashed' || p.reason === 'sandbox-error');
  runInfo.textContent = summary;
  runInfo.dataset.reason = p.reason;
  updateButtons();
}

function updateButtons() {
  runBtn.disabled = !probe.connected;
  stopBtn.disabled = !probe.connected || running.size === 0;
}

async function refreshRuns() {
  try {
    const targets = await command<string[]>(Commands.targets);
    const chosen = targetSel.value;
    targetSel.replaceChildren(
      ...targets.map((t) => {
        const o = document.createElement('option');
        o.value = t;
        o.textContent = t;
        return o;
      }),
    );
    if (targets.includes(chosen)) {
      targetSel.value = chosen;
    }
    for (const s of await command<RunStatus[]>(Commands.status)) {
      running.set(s.target, s);
      runInfo.textContent = `running ${short(s.target)}`;
    }
  } catch (e) {
    appendMeta(`no run targets: ${(e as Error).message}`, true);
  }
  updateButtons();
}

runBtn.addEventListener('click', async () => {
  const target = targetSel.value || undefined;
  runInfo.textContent = `building ${target ? short(target) : ''}…`;
  try {
    await command(Commands.run, [target ? { target } : {}]);
  } catch (e) {
    runInfo.textContent = '';
    appendMeta(`run failed: ${(e as Error).message}`, true);
  }
});
stopBtn.addEventListener('click', async () => {
  const target = targetSel.value || undefined;
  try {
    await command(Commands.stop, [target && running.has(target) ? { target } : {}]);
  } catch (e) {
    appendMeta(`stop failed: ${(e as Error).message}`, true);
  }
});
$('clear').addEventListener('click', () => outputEl.replaceChildren());

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
        const sel = (options as { selection?: { startLineNumber: number; startColumn: number; endLineNumber?: number; endColumn?: number } } | undefined)?.selection;
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
  watchFirstSquiggle(container);
  editor = monaco.editor.create(container, { automaticLayout: true, model: null, minimap: { enabled: false }, fontSize: 13 });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void save());
  probe.editor = editor;
  monaco.editor.onDidChangeMarkers(() => renderProblems());
  renderTree(files);

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
