// The HotLSP messages the page uses (docs/lsp-extensions.md). The run notifications' shapes are the
// VS Code extension's (vscode-client/src/protocol.ts, imported as types only); the web session's
// file requests are defined here, their one TypeScript home.
export type {
  RunStartedParams,
  RunStatus,
  OutputParams,
  RunEndedParams,
  StopResult,
} from '../../vscode-client/src/protocol';

export const Commands = {
  run: 'hotlsp.run',
  stop: 'hotlsp.stop',
  status: 'hotlsp.status',
  targets: 'hotlsp.targets',
} as const;

export const Notifications = {
  runStarted: 'hotlsp/runStarted',
  output: 'hotlsp/output',
  runEnded: 'hotlsp/runEnded',
} as const;

/** `hotlsp/files`: the workspace's files (a web session only). */
export const FilesRequest = 'hotlsp/files';
export interface FilesResult {
  /** the workspace folder's file: URI */
  root: string;
  files: { path: string; size: number }[];
  truncated: boolean;
}

/** `hotlsp/readFile` {path} → {path, text}. */
export const ReadFileRequest = 'hotlsp/readFile';
export interface ReadFileResult {
  path: string;
  text: string;
}

/** `hotlsp/writeFile` {path, text} → {path, size}. */
export const WriteFileRequest = 'hotlsp/writeFile';
