// A stand-in for the `vscode` module in unit tests: records what the extension asks of the editor.
// hook.ts puts it in place of `vscode` for every require.

export interface Recorded {
  commands: Map<string, (...args: unknown[]) => unknown>;
  messages: { kind: 'info' | 'warn' | 'error'; text: string; items: string[] }[];
  quickPicks: { items: string[]; placeHolder?: string }[];
  configUpdates: { section: string; key: string; value: unknown; target: unknown }[];
  executed: { command: string; args: unknown[] }[];
  documents: string[];
}

export const recorded: Recorded = {
  commands: new Map(), messages: [], quickPicks: [], configUpdates: [], executed: [], documents: [],
};

/** What the next message box / quick pick answers, and the settings and extensions the editor has. */
export const answers: {
  message?: string;
  quickPick?: string;
  config: Record<string, Record<string, unknown>>;
  extensions: string[];
  /** the workspace folder every document is in (none: undefined) */
  folder?: string;
} = { config: {}, extensions: [] };

export function reset(): void {
  recorded.commands.clear();
  recorded.messages.length = 0;
  recorded.quickPicks.length = 0;
  recorded.configUpdates.length = 0;
  recorded.executed.length = 0;
  recorded.documents.length = 0;
  answers.message = undefined;
  answers.quickPick = undefined;
  answers.config = {};
  answers.extensions = [];
  answers.folder = undefined;
}

const message = (kind: 'info' | 'warn' | 'error') => async (text: string, ...items: unknown[]) => {
  recorded.messages.push({ kind, text, items: items.filter((i): i is string => typeof i === 'string') });
  return answers.message;
};

export const window = {
  showInformationMessage: message('info'),
  showWarningMessage: message('warn'),
  showErrorMessage: message('error'),
  async showQuickPick(items: string[], options?: { placeHolder?: string }) {
    recorded.quickPicks.push({ items, placeHolder: options?.placeHolder });
    return answers.quickPick;
  },
  async showTextDocument() {
    return undefined;
  },
};

export const commands = {
  registerCommand(id: string, fn: (...args: unknown[]) => unknown) {
    if (recorded.commands.has(id)) {
      throw new Error(`command ${id} registered twice`);
    }
    recorded.commands.set(id, fn);
    return { dispose: () => recorded.commands.delete(id) };
  },
  async executeCommand(command: string, ...args: unknown[]) {
    recorded.executed.push({ command, args });
    return recorded.commands.get(command)?.(...args);
  },
};

export const workspace = {
  getConfiguration(section: string) {
    const values = answers.config[section] ?? {};
    return {
      get<T>(key: string, fallback?: T): T | undefined {
        return key in values ? (values[key] as T) : fallback;
      },
      async update(key: string, value: unknown, target: unknown) {
        recorded.configUpdates.push({ section, key, value, target });
        values[key] = value;
        answers.config[section] = values;
      },
    };
  },
  async openTextDocument(options: { content: string }) {
    recorded.documents.push(options.content);
    return { content: options.content };
  },
  getWorkspaceFolder: () => (answers.folder === undefined ? undefined : { uri: { fsPath: answers.folder } }),
};

export const extensions = {
  getExtension: (id: string) => (answers.extensions.includes(id) ? { id } : undefined),
};

export enum ConfigurationTarget { Global = 1, Workspace = 2, WorkspaceFolder = 3 }

export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  event = (l: (e: T) => void) => {
    this.listeners.push(l);
    return { dispose: () => undefined };
  };
  fire(e: T): void {
    this.listeners.forEach((l) => l(e));
  }
}

export class Range {
  constructor(readonly startLine: number, readonly startCharacter: number, readonly endLine: number, readonly endCharacter: number) {}
}

export class CodeLens {
  constructor(readonly range: Range, readonly command?: { title: string; command: string; arguments?: unknown[] }) {}
}

/** A Memento in memory. */
export class MemoryMemento {
  private values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
  keys(): string[] {
    return [...this.values.keys()];
  }
}
