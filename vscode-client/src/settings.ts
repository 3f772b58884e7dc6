// The hotlsp.* settings as `hotlsp serve` arguments. Pure: settings are read through `get`.

/** Reads one setting of the `hotlsp` section (`run.isolation`, …). */
export type SettingReader = <T>(key: string) => T | undefined;

/**
 * Settings HotLSP reads only at start (they become command-line flags), so changing one restarts
 * it; `trace.server` is applied by the language client itself, and gopls's own settings (the
 * `gopls` section) reach gopls through workspace/didChangeConfiguration.
 */
export const RESTART_SETTINGS = [
  'java.home', 'gopls.path', 'go.path', 'run.rerunExited', 'run.targets', 'run.isolation', 'run.memory', 'run.pids', 'run.cpuSeconds',
  'run.timeout', 'run.network', 'run.outputBytes', 'build.flags', 'debounceMs', 'test.onSave', 'server.args',
] as const;

/** The `hotlsp serve` flags the settings ask for (`--gopls` is added by the caller). */
export function serveArguments(get: SettingReader): string[] {
  const args: string[] = [];
  for (const target of get<string[]>('run.targets') ?? []) {
    if (target.trim()) {
      args.push('--run', target.trim());
    }
  }
  const isolation = get<string>('run.isolation');
  if (isolation && isolation !== 'local') {
    args.push('--isolation', isolation);
  }
  const text = (key: string, flag: string) => {
    const v = get<string>(key);
    if (v && v.trim()) {
      args.push(flag, v.trim());
    }
  };
  const number = (key: string, flag: string) => {
    const v = get<number | null>(key);
    if (typeof v === 'number' && Number.isFinite(v)) {
      args.push(flag, String(Math.trunc(v)));
    }
  };
  text('run.memory', '--memory');
  number('run.pids', '--pids');
  number('run.cpuSeconds', '--cpu-seconds');
  text('run.timeout', '--timeout');
  const network = get<string>('run.network');
  if (network === 'on' || network === 'off') {
    args.push('--network', network);
  }
  text('run.outputBytes', '--output-bytes');
  for (const flag of get<string[]>('build.flags') ?? []) {
    if (flag.trim()) {
      args.push('--build-flag', flag.trim());
    }
  }
  const debounce = get<number>('debounceMs');
  if (typeof debounce === 'number' && debounce !== 10) {
    args.push('--debounce-ms', String(Math.max(0, Math.trunc(debounce))));
  }
  if (get<boolean>('run.rerunExited') === false) {
    args.push('--no-rerun-exited');
  }
  if (get<boolean>('test.onSave') === true) {
    args.push('--test-on-save');
  }
  args.push(...(get<string[]>('server.args') ?? []));
  return args;
}

/** Whether a configuration change needs HotLSP restarted. */
export function needsRestart(affects: (section: string) => boolean): boolean {
  return RESTART_SETTINGS.some((key) => affects(`hotlsp.${key}`));
}

/**
 * The command (and its argument) that opens the Settings editor on setting `key` where a
 * `machine`/`machine-overridable` setting exists: in a remote window (code-server, Remote-SSH,
 * WSL, Codespaces: `remoteName` set) only the remote settings hold it, and the user settings show
 * "No Settings Found". The query goes as `{ query }`: openRemoteSettings drops a bare string (and
 * then shows "Commonly Used"), openSettings takes both.
 */
export function openSettingCommand(remoteName: string | undefined, key: string): [string, { query: string }] {
  return [remoteName ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings', { query: key }];
}
