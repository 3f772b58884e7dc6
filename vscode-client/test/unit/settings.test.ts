import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RESTART_SETTINGS, needsRestart, openSettingCommand, serveArguments } from '../../src/settings';
import { DOCUMENT_SELECTOR, GO_LANGUAGES } from '../../src/documents';

const reader = (values: Record<string, unknown>) => <T>(key: string) => values[key] as T | undefined;

test('defaults add no flags', () => {
  assert.deepEqual(serveArguments(reader({ 'run.isolation': 'local', 'run.network': 'default', debounceMs: 10, 'run.targets': [] })), []);
});

test('each setting becomes its hotlsp serve flag', () => {
  assert.deepEqual(serveArguments(reader({
    'run.targets': ['./cmd/server', ' '], 'run.isolation': 'isolated', 'run.memory': '256MiB', 'run.pids': 64,
    'run.cpuSeconds': 30, 'run.timeout': '2m', 'run.network': 'on', 'run.outputBytes': '4MiB', debounceMs: 200,
    'build.flags': ['-race', ' -tags=integration ', ''], 'server.args': ['--debug'],
  })), ['--run', './cmd/server', '--isolation', 'isolated', '--memory', '256MiB', '--pids', '64', '--cpu-seconds', '30',
    '--timeout', '2m', '--network', 'on', '--output-bytes', '4MiB', '--build-flag', '-race', '--build-flag', '-tags=integration',
    '--debounce-ms', '200', '--debug']);
});

test('hotlsp.test.onSave on becomes --test-on-save and restarts HotLSP; off (the default) adds nothing', () => {
  assert.deepEqual(serveArguments(reader({ 'test.onSave': true })), ['--test-on-save']);
  assert.deepEqual(serveArguments(reader({ 'test.onSave': false })), []);
  assert.ok(needsRestart((s) => s === 'hotlsp.test.onSave'));
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  assert.equal(manifest.contributes.configuration.properties['hotlsp.test.onSave'].default, false);
});

test('a flag setting restarts HotLSP; the trace and gopls settings do not', () => {
  assert.ok(needsRestart((s) => s === 'hotlsp.run.isolation'));
  assert.ok(!needsRestart((s) => s === 'hotlsp.trace.server'));
  assert.ok(!needsRestart((s) => s === 'gopls'));
});

test('the extension runs only in trusted, local workspaces: it builds and runs their code and starts what settings name', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, false);
  assert.equal(manifest.capabilities.virtualWorkspaces, false);
});

test('every hotlsp.* setting of the manifest is either a restart setting or the trace', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const keys = Object.keys(manifest.contributes.configuration.properties).map((k) => k.replace(/^hotlsp\./, '')).sort();
  assert.deepEqual(keys, [...RESTART_SETTINGS, 'trace.server'].sort());
});

test('hotlsp.run.rerunExited off becomes --no-rerun-exited; a machine setting opens in the remote settings of a remote window', () => {
  assert.deepEqual(serveArguments(<T>(k: string) => (k === 'run.rerunExited' ? false : undefined) as T), ['--no-rerun-exited']);
  assert.deepEqual(serveArguments(<T>(k: string) => (k === 'run.rerunExited' ? true : undefined) as T), []);
  assert.deepEqual(openSettingCommand(undefined, 'hotlsp.go.path'), ['workbench.action.openSettings', { query: 'hotlsp.go.path' }]);
  // a bare string is dropped by openRemoteSettings (code-server showed "Commonly Used"): the query goes as { query }
  assert.deepEqual(openSettingCommand('ssh-remote', 'hotlsp.java.home'),
    ['workbench.action.openRemoteSettings', { query: 'hotlsp.java.home' }]);
});

test('the document selector holds the Go languages the manifest contributes, and gopls reads', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const contributed = manifest.contributes.languages.map((l: { id: string }) => l.id);
  assert.deepEqual([...GO_LANGUAGES], ['go', ...contributed]);
  assert.deepEqual(DOCUMENT_SELECTOR, GO_LANGUAGES.map((language) => ({ scheme: 'file', language })));
  assert.equal(manifest.contributes.configurationDefaults['[go]']['editor.formatOnSave'], true);
  assert.equal(manifest.scripts.test, 'npm run -s typecheck && npm run -s test:unit && npm run -s test:protocol');
});
