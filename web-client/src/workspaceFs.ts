// The workspace's files as a file system of the editor: each file read and written through the
// session (`hotlsp/readFile`, `hotlsp/writeFile`), so a save is a write HotLSP confines to the workspace.
import * as vscode from 'vscode';
import {
  RegisteredFile,
  RegisteredFileSystemProvider,
  registerFileSystemOverlay,
} from '@codingame/monaco-vscode-files-service-override';
import { ReadFileRequest, WriteFileRequest, type ReadFileResult } from './hotlsp';

/** Sends a request on the current connection (waits while reconnecting). */
export type Requester = <R>(method: string, params: unknown) => Promise<R>;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

class SessionFile extends RegisteredFile {
  constructor(uri: vscode.Uri, private readonly path: string, private size: number, private readonly request: Requester) {
    super(uri, false);
  }

  async getSize(): Promise<number> {
    return this.size;
  }

  async read(): Promise<Uint8Array> {
    const r = await this.request<ReadFileResult>(ReadFileRequest, { path: this.path });
    const bytes = encoder.encode(r.text);
    this.size = bytes.length;
    return bytes;
  }

  async write(content: Uint8Array): Promise<void> {
    await this.request(WriteFileRequest, { path: this.path, text: decoder.decode(content) });
    this.size = content.length;
    this.mtime = Date.now();
  }
}

/** Registers the workspace's files (relative paths under `root`) as the editor's file system. */
export function registerWorkspaceFiles(root: vscode.Uri, paths: { path: string; size: number }[], request: Requester): void {
  const provider = new RegisteredFileSystemProvider(false);
  for (const f of paths) {
    provider.registerFile(new SessionFile(uriOf(root, f.path), f.path, f.size, request));
  }
  registerFileSystemOverlay(1, provider);
}

export function uriOf(root: vscode.Uri, path: string): vscode.Uri {
  return vscode.Uri.joinPath(root, ...path.split('/'));
}
