import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { StatusModel, mebibytes, seconds } from '../../src/status';
import type { RunEndedParams, RunStartedParams } from '../../src/protocol';

const started = (runId: string): RunStartedParams => ({
  runId, target: 'example.com/hello', binary: '/cache/hello', isolation: 'local', pid: 42, startedAt: '2026-01-01T00:00:00Z',
});
const ended = (runId: string, over: Partial<RunEndedParams>): RunEndedParams => ({
  runId, target: 'example.com/hello', exitCode: 0, signal: null, reason: 'exited', wallMs: 1234, cpuMs: 100,
  peakRssKiB: 12 * 1024, truncatedBytes: 0, ...over,
});
const build = (ok: boolean) => ({ target: 'example.com/hello', ok, durationMs: 800, binaryChanged: ok, reason: 'changed main.go', binary: '/b', errors: ok ? 0 : 2 });

test('idle before anything ran', () => {
  assert.equal(new StatusModel().view(0).text, '$(go) HotLSP');
});

test('building while a HotLSP build progress is open, whatever else holds', () => {
  const m = new StatusModel();
  m.runStarted(started('1'), 0);
  m.buildBegan();
  assert.equal(m.view(500).text, '$(sync~spin) building…');
  m.buildDone();
  assert.equal(m.view(1200).text, '$(play) running · 1.2 s');
});

test('running shows the time since start and, when known, the memory', () => {
  const m = new StatusModel();
  m.runStarted(started('1'), 1000);
  m.memory(12 * 1024);
  assert.equal(m.view(2200).text, '$(play) running · 1.2 s · 12 MiB');
  assert.equal(m.view(2200).kind, 'running');
});

test('a failed build shows until the target builds again', () => {
  const m = new StatusModel();
  m.buildEnded(build(false));
  assert.equal(m.view(0).text, '$(error) build failed');
  assert.match(m.view(0).tooltip, /2 errors \(changed main.go\)/);
  m.buildEnded(build(true));
  assert.equal(m.view(0).text, '$(go) HotLSP');
});

test('a crash is named by the first line of its trace on stderr', () => {
  const m = new StatusModel();
  m.runStarted(started('1'), 0);
  m.output({ runId: '1', target: 'example.com/hello', stream: 'stdout', text: 'panic: not on stderr\n' });
  m.output({ runId: '1', target: 'example.com/hello', stream: 'stderr', text: 'log line\npanic: boom\n\ngoroutine 1 [running]:\n' });
  m.runEnded(ended('1', { reason: 'crashed', exitCode: 2 }));
  assert.equal(m.view(0).text, '$(bug) crashed: panic');
  assert.equal(m.view(0).kind, 'crashed');
});

test('a crash without a trace is named by its signal or exit code', () => {
  const m = new StatusModel();
  m.runStarted(started('1'), 0);
  m.runEnded(ended('1', { reason: 'crashed', exitCode: 137, signal: 9 }));
  assert.equal(m.view(0).text, '$(bug) crashed: signal 9');
});

test('stopped, and exited with its figures', () => {
  const m = new StatusModel();
  m.runStarted(started('1'), 0);
  m.runEnded(ended('1', { reason: 'stopped', exitCode: 143, signal: 15 }));
  assert.equal(m.view(0).text, '$(debug-stop) stopped');
  m.runStarted(started('2'), 0);
  m.runEnded(ended('2', {}));
  assert.equal(m.view(0).text, '$(pass) exited 0 · 1.2 s · 12 MiB');
});

test('a hot restart: the old run ending after the new one started does not end the new one', () => {
  const m = new StatusModel();
  m.runStarted(started('1'), 0);
  m.runStarted(started('2'), 100);
  m.runEnded(ended('1', { reason: 'killed-by-restart' }));
  assert.equal(m.view(1100).text, '$(play) running · 1.0 s');
});

test('figures', () => {
  assert.equal(seconds(1234), '1.2 s');
  assert.equal(seconds(125_000), '2m 05s');
  assert.equal(mebibytes(5 * 1024 + 512), '5.5 MiB');
  assert.equal(mebibytes(12 * 1024), '12 MiB');
});
