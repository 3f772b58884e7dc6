import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Emitter } from 'vscode-languageserver-protocol';
import type { Message, MessageReader } from 'vscode-languageserver-protocol';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildProgress, JVM_FLAGS, launchPlan, tapReader } from '../../src/launch';

test('java runs the jar with the CDS archive of its major, gopls named and first on PATH', () => {
  const p = launchPlan('/jdk/bin/java', 21, '/ext/server/hotlsp.jar', '/store', '/home/u/go/bin/gopls', ['--run', '.'],
    { PATH: '/usr/bin', UNSET: undefined });
  assert.equal(p.command, '/jdk/bin/java');
  assert.ok(p.args.includes('-XX:SharedArchiveFile=/store/hotlsp-java21.jsa'));
  assert.deepEqual(p.args.slice(p.args.indexOf('-jar')), ['-jar', '/ext/server/hotlsp.jar', 'serve', '--gopls', '/home/u/go/bin/gopls', '--run', '.']);
  assert.equal(p.env.PATH, '/home/u/go/bin:/usr/bin');
  assert.ok(!('UNSET' in p.env));
});

test('the extension starts the JVM with the flags ./hotlsp uses (scripts/jvm-flags.sh)', () => {
  const script = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'scripts', 'jvm-flags.sh'), 'utf8');
  const array = /^HOTLSP_JVM_FLAGS=\(([^)]*)\)/m.exec(script);
  assert.ok(array, 'HOTLSP_JVM_FLAGS=(…) in scripts/jvm-flags.sh');
  assert.deepEqual(JVM_FLAGS, array[1].split(/\s+/).filter((f) => f.length > 0));
});

test('a gopls path with a space is found through PATH, not --gopls (which splits on white space)', () => {
  const p = launchPlan('java', 21, 'j', '/s', '/Users/me/Library/Application Support/Code/bin/gopls', [], { PATH: '/usr/bin' });
  assert.ok(!p.args.includes('--gopls'));
  assert.equal(p.env.PATH, '/Users/me/Library/Application Support/Code/bin:/usr/bin');
});

test('the tap sees each message before the client, which gets it unchanged', () => {
  const emitter = new Emitter<Message>();
  const inner = { listen: (cb: (m: Message) => void) => emitter.event(cb) } as unknown as MessageReader;
  const seen: string[] = [];
  const reader = tapReader(inner, (m) => seen.push(`tap ${JSON.stringify(m)}`));
  reader.listen((m) => seen.push(`client ${JSON.stringify(m)}`));
  const m = { jsonrpc: '2.0', method: '$/progress', params: { token: 'hotlsp/build/1', value: { kind: 'begin', title: 'Building x' } } };
  emitter.fire(m as Message);
  assert.deepEqual(seen, [`tap ${JSON.stringify(m)}`, `client ${JSON.stringify(m)}`]);
  assert.equal(buildProgress(m as Message), 'begin');
});

test('only HotLSP build tokens count as build progress', () => {
  const progress = (token: unknown, kind: string) => ({ jsonrpc: '2.0', method: '$/progress', params: { token, value: { kind } } }) as unknown as Message;
  assert.equal(buildProgress(progress('hotlsp/build/3', 'end')), 'end');
  assert.equal(buildProgress(progress('hotlsp/build/3', 'report')), undefined);
  assert.equal(buildProgress(progress('gopls-42', 'begin')), undefined);
  assert.equal(buildProgress(progress(7, 'begin')), undefined);
});
