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

/** A model of a server that runs (the state the tests below start from). */
const model = (): StatusModel => {
  const m = new StatusModel();
  m.serverState({ state: 'running' });
  return m;
};

test('idle before anything ran', () => {
  assert.equal(model().view(0).text, '$(go) HotLSP');
});

test('building while a HotLSP build progress is open, whatever else holds', () => {
  const m = model();
  m.runStarted(started('1'), 0);
  m.buildBegan();
  assert.equal(m.view(500).text, '$(sync~spin) building…');
  m.buildDone();
  assert.equal(m.view(1200).text, '$(play) running · 1.2 s');
});

test('running shows the time since start and, when known, the memory', () => {
  const m = model();
  m.runStarted(started('1'), 1000);
  m.memory('1', 12 * 1024);
  assert.equal(m.view(2200).text, '$(play) running · 1.2 s · 12 MiB');
  assert.equal(m.view(2200).kind, 'running');
});

test('a failed build shows until the target builds again', () => {
  const m = model();
  m.buildEnded(build(false));
  assert.equal(m.view(0).text, '$(error) build failed');
  assert.match(m.view(0).tooltip, /2 errors \(changed main.go\)/);
  m.buildEnded(build(true));
  assert.equal(m.view(0).text, '$(go) HotLSP');
});

test('a crash is named by the first line of its trace on stderr', () => {
  const m = model();
  m.runStarted(started('1'), 0);
  m.output({ runId: '1', target: 'example.com/hello', stream: 'stdout', text: 'panic: not on stderr\n' });
  m.output({ runId: '1', target: 'example.com/hello', stream: 'stderr', text: 'log line\npanic: boom\n\ngoroutine 1 [running]:\n' });
  m.runEnded(ended('1', { reason: 'crashed', exitCode: 2 }));
  assert.equal(m.view(0).text, '$(bug) crashed: panic');
  assert.equal(m.view(0).kind, 'crashed');
});

test('a crash without a trace is named by its signal or exit code', () => {
  const m = model();
  m.runStarted(started('1'), 0);
  m.runEnded(ended('1', { reason: 'crashed', exitCode: 137, signal: 9 }));
  assert.equal(m.view(0).text, '$(bug) crashed: signal 9');
});

test('stopped, and exited with its figures', () => {
  const m = model();
  m.runStarted(started('1'), 0);
  m.runEnded(ended('1', { reason: 'stopped', exitCode: 143, signal: 15 }));
  assert.equal(m.view(0).text, '$(debug-stop) stopped');
  m.runStarted(started('2'), 0);
  m.runEnded(ended('2', {}));
  assert.equal(m.view(0).text, '$(pass) exited 0 · 1.2 s · 12 MiB');
});

test('a hot restart: the old run ending after the new one started does not end the new one', () => {
  const m = model();
  m.runStarted(started('1'), 0);
  m.runStarted(started('2'), 100);
  m.runEnded(ended('1', { reason: 'killed-by-restart' }));
  assert.equal(m.view(1100).text, '$(play) running · 1.0 s');
});

const run = (runId: string, target: string, startedAt = '2026-01-01T00:00:00Z'): RunStartedParams => ({
  ...started(runId), target, startedAt,
});

test('until the server runs, the item says so, and what failed', () => {
  const m = new StatusModel();
  assert.equal(m.view(0).text, '$(sync~spin) HotLSP starting');
  m.serverState({ state: 'down', why: 'needs Java 21', detail: 'HotLSP needs Java 21 or newer. Tried …' });
  assert.deepEqual(m.views(0).map((v) => [v.text, v.kind]), [['$(error) HotLSP: needs Java 21', 'failed']]);
  assert.match(m.view(0).tooltip, /Tried/);
});

test('the server going away ends every run it had: no item ticks "running" after it', () => {
  const m = model();
  m.runStarted(run('1', 'example.com/a'), 0);
  m.runStarted(run('2', 'example.com/b'), 0);
  m.serverState({ state: 'starting' });
  assert.deepEqual(m.running(), []);
  assert.equal(m.views(5000).length, 1);
  assert.doesNotMatch(m.view(5000).text, /running/);
  m.serverState({ state: 'running' });
  m.reset([], 6000); // hotlsp.status of the new server
  assert.equal(m.view(6000).text, '$(go) HotLSP');
});

test('hotlsp.status after a start replaces what the model knew, keeping the runs it already had', () => {
  const m = model();
  m.runStarted(run('1', 'example.com/a'), 1000);
  m.runStarted(run('2', 'example.com/b'), 1000);
  m.reset([run('1', 'example.com/a'), run('7', 'example.com/c', new Date(500).toISOString())], 3000);
  assert.deepEqual(m.running().map((r) => r.runId), ['1', '7']);
  assert.deepEqual(m.views(3000).map((v) => v.text), ['$(play) a · 2.0 s', '$(play) c · 2.5 s']);
});

test('one item per running program, each named, after the build state', () => {
  const m = model();
  m.runStarted(run('1', 'example.com/x/cmd/server'), 0);
  m.runStarted(run('2', 'example.com/x/cmd/worker/v2'), 0);
  m.memory('2', 3 * 1024);
  m.buildEnded({ ...build(false), target: 'example.com/x/cmd/server' });
  const views = m.views(1000);
  assert.deepEqual(views.map((v) => v.text), ['$(error) build failed', '$(play) server · 1.0 s', '$(play) worker · 1.0 s · 3.0 MiB']);
  assert.deepEqual(views.map((v) => v.target), ['example.com/x/cmd/server', 'example.com/x/cmd/server', 'example.com/x/cmd/worker/v2']);
  assert.match(views[0].tooltip, /example.com\/x\/cmd\/server, example.com\/x\/cmd\/worker\/v2 keep running/);
  m.runEnded(ended('1', { target: 'example.com/x/cmd/server', reason: 'stopped' }));
  assert.ok(m.isRunning('example.com/x/cmd/worker/v2'));
  assert.ok(!m.isRunning('example.com/x/cmd/server'));
});

test('the live memory figure is the one the end gives (HotLSP\'s peak), and none is shown without one', () => {
  const m = model();
  m.runStarted(started('1'), 0);
  m.memory('1', undefined);
  assert.equal(m.view(1000).text, '$(play) running · 1.0 s');
  m.memory('1', 7 * 1024);
  assert.equal(m.view(1000).text, '$(play) running · 1.0 s · 7.0 MiB');
  m.runEnded(ended('1', { peakRssKiB: 7 * 1024 }));
  assert.equal(m.view(1000).text, '$(pass) exited 0 · 1.2 s · 7.0 MiB');
});

test('figures', () => {
  assert.equal(seconds(1234), '1.2 s');
  assert.equal(seconds(125_000), '2m 05s');
  assert.equal(mebibytes(5 * 1024 + 512), '5.5 MiB');
  assert.equal(mebibytes(12 * 1024), '12 MiB');
});
