import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LogChannel, ServerLogRouter, parseLogLine } from '../../src/serverLog';

class Recording implements LogChannel {
  lines: string[] = [];
  debug(m: string) { this.lines.push(`debug ${m}`); }
  info(m: string) { this.lines.push(`info ${m}`); }
  warn(m: string) { this.lines.push(`warn ${m}`); }
  error(m: string) { this.lines.push(`error ${m}`); }
}

test('each HotLSP line at its own level: INFO is not an error', () => {
  const c = new Recording();
  const r = new ServerLogRouter(c);
  r.line('12:00:01.123 hotlsp INFO gopls started (pid 12)');
  r.line('12:00:01.200 hotlsp WARN gopls exited');
  r.line('12:00:01.300 hotlsp ERROR gave up');
  r.line('12:00:01.400 hotlsp DEBUG detail');
  assert.deepEqual(c.lines, ['info gopls started (pid 12)', 'warn gopls exited', 'error gave up', 'debug detail']);
});

test('a line in another shape keeps the level before it; first, it is a warning', () => {
  const c = new Recording();
  const r = new ServerLogRouter(c);
  r.line('[0.010s][error][cds] archive mismatch');
  r.line('12:00:01.300 hotlsp ERROR crash');
  r.line('\tat dev.hotlsp.Foo.bar(Foo.java:1)');
  r.line('');
  assert.deepEqual(c.lines, ['warn [0.010s][error][cds] archive mismatch', 'error crash', 'error \tat dev.hotlsp.Foo.bar(Foo.java:1)']);
});

test('parse', () => {
  assert.deepEqual(parseLogLine('09:08:07.006 hotlsp INFO a b'), { level: 'info', message: 'a b' });
  assert.equal(parseLogLine('hotlsp INFO no time'), undefined);
});

test('gopls\'s stderr lines, and the lines that continue them, go to the gopls channel', () => {
  const hotlsp = new Recording();
  const gopls = new Recording();
  const r = new ServerLogRouter(hotlsp, gopls);
  r.line('12:00:01.123 hotlsp INFO gopls[1]: 2026/01/01 12:00:01 go env for /w');
  r.line('(root /w)');
  r.line('12:00:01.200 hotlsp WARN run 1: example.com/w ended');
  assert.deepEqual(gopls.lines, ['info gopls[1]: 2026/01/01 12:00:01 go env for /w', 'info (root /w)']);
  assert.deepEqual(hotlsp.lines, ['warn run 1: example.com/w ended']);
});
