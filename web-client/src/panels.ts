// The file tree and the problems list: plain DOM over the listing of `hotlsp/files` and Monaco's
// markers (gopls's, `go build`'s and the crashes' diagnostics, as HotLSP published them).
import * as monaco from '@codingame/monaco-vscode-editor-api';
import type { FilesResult } from './hotlsp';

/** Shows the workspace's files, a directory line before its first file; `open` gets a clicked file's path. */
export function renderTree(tree: HTMLElement, files: FilesResult, open: (path: string) => void): void {
  tree.replaceChildren();
  let shown: string[] = []; // the directories of the previous file
  for (const f of files.files) {
    const parts = f.path.split('/');
    const dirs = parts.slice(0, -1);
    dirs.forEach((d, i) => {
      if (shown.slice(0, i + 1).join('/') !== dirs.slice(0, i + 1).join('/')) {
        tree.append(line('dir', `${d}/`, i));
      }
    });
    shown = dirs;
    const el = line('file', parts[parts.length - 1], dirs.length);
    el.dataset.path = f.path;
    el.title = `${f.path} (${f.size} bytes)`;
    el.addEventListener('click', () => open(f.path));
    tree.append(el);
  }
  if (files.truncated) {
    tree.append(line('dir', '… (more files not listed)', 0));
  }
}

function line(cls: string, text: string, depth: number): HTMLElement {
  const el = document.createElement('div');
  el.className = cls;
  el.style.paddingLeft = `${8 + depth * 12}px`;
  el.textContent = text;
  return el;
}

/** Marks the tree's entry of the file shown. */
export function markOpen(tree: HTMLElement, path: string): void {
  for (const el of tree.querySelectorAll<HTMLElement>('.file')) {
    el.classList.toggle('open', el.dataset.path === path);
  }
}

/** Lists the errors and warnings of every model, errors first; a click opens the place. */
export function renderProblems(list: HTMLElement, count: HTMLElement, relative: (resource: string) => string,
  open: (resource: string, range: monaco.IRange) => void): void {
  const markers = monaco.editor
    .getModelMarkers({})
    .filter((m) => m.severity >= monaco.MarkerSeverity.Warning)
    .sort((a, b) => b.severity - a.severity || a.resource.path.localeCompare(b.resource.path) || a.startLineNumber - b.startLineNumber);
  list.replaceChildren();
  for (const m of markers) {
    const li = document.createElement('li');
    li.className = m.severity === monaco.MarkerSeverity.Error ? 'error' : 'warning';
    const where = document.createElement('span');
    where.className = 'where';
    where.textContent = ` ${relative(m.resource.toString())}:${m.startLineNumber}:${m.startColumn}${m.source ? ` [${m.source}]` : ''}`;
    li.append(m.message, where);
    li.addEventListener('click', () => open(m.resource.toString(), {
      startLineNumber: m.startLineNumber, startColumn: m.startColumn, endLineNumber: m.endLineNumber, endColumn: m.endColumn,
    }));
    list.append(li);
  }
  count.textContent = markers.length ? `(${markers.length})` : '';
}

/** Calls `seen` once, when the first error squiggle is drawn in `container`. */
export function onFirstSquiggle(container: HTMLElement, seen: () => void): void {
  const observer = new MutationObserver(() => {
    if (container.querySelector('.squiggly-error')) {
      observer.disconnect();
      seen();
    }
  });
  observer.observe(container, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
}
