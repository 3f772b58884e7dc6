import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Emitter } from 'vscode-languageserver-protocol';
import type { Message, MessageReader } from 'vscode-languageserver-protocol';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgress, cdsArchive, JVM_FLAGS, launchPlan, removeOtherArchives, tapReader } from '../../src/launch';

test('java runs the jar with the CDS archive given, gopls named and first on PATH', () => {
  const p = launchPlan('/jdk/bin/java', '/store/a.jsa', '/ext/server/hotlsp.jar', '/home/u/go/bin/gopls', ['--run', '.'],
    { PATH: '/usr/bin', UNSET: undefined });
  assert.equal(p.command, '/jdk/bin/java');
  assert.ok(p.args.includes('-XX:SharedArchiveFile=/store/a.jsa'));
  assert.deepEqual(p.args.slice(p.args.indexOf('-jar')), ['-jar', '/ext/server/hotlsp.jar', 'serve', '--gopls', '/home/u/go/bin/gopls', '--run', '.']);
  assert.equal(p.env.PATH, '/home/u/go/bin:/usr/bin');
  assert.ok(!('UNSET' in p.env));
});

test('each JDK major and each jar (path, size, time) has an archive of its own', () => {
  const jar = { jar: '/ext/hotlsp-0.1.0/server/hotlsp.jar', size: 100, mtimeMs: 5 };
  const a = cdsArchive('/store', 21, jar);
  assert.match(a, /^\/store\/hotlsp-java21-[0-9a-f]{16}\.jsa$/);
  assert.equal(cdsArchive('/store', 21, { ...jar }), a);
  const others = [cdsArchive('/store', 25, jar), cdsArchive('/store', 21, { ...jar, jar: '/ext/hotlsp-0.2.0/server/hotlsp.jar' }),
    cdsArchive('/store', 21, { ...jar, size: 101 }), cdsArchive('/store', 21, { ...jar, mtimeMs: 6 })];
  assert.equal(new Set([a, ...others]).size, 5);
});

test('other archives are removed from the storage, nothing else is', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hotlsp-cds-'));
  try {
    const keep = path.join(dir, 'hotlsp-java21-00112233aabbccdd.jsa');
    for (const name of ['hotlsp-java21.jsa', 'hotlsp-java25-0123456789abcdef.jsa', 'hotlsp-java21-00112233aabbccdd.jsa', 'notes.txt', 'x.jsa']) {
      fs.writeFileSync(path.join(dir, name), '');
    }
    removeOtherArchives(dir, keep);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['hotlsp-java21-00112233aabbccdd.jsa', 'notes.txt', 'x.jsa']);
    removeOtherArchives(path.join(dir, 'missing'), keep); // no storage yet: nothing to do
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the extension starts the JVM with the flags ./hotlsp uses (scripts/jvm-flags.sh)', () => {
  const script = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'scripts', 'jvm-flags.sh'), 'utf8');
  const array = /^HOTLSP_JVM_FLAGS=\(([^)]*)\)/m.exec(script);
  assert.ok(array, 'HOTLSP_JVM_FLAGS=(…) in scripts/jvm-flags.sh');
  assert.deepEqual(JVM_FLAGS, array[1].split(/\s+/).filter((f) => f.length > 0));
});

test('a gopls path with a space is found through PATH, not --gopls (which splits on white space)', () => {
  const p = launchPlan('java', '/s/a.jsa', 'j', '/Users/me/Library/Application Support/Code/bin/gopls', [], { PATH: '/usr/bin' });
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

test('the go command the extension found goes on HotLSP\'s PATH (and so gopls\'s), after gopls\'s directory', () => {
  const p = launchPlan('java', '/s/a.jsa', 'j', '/home/u/go/bin/gopls', [], { PATH: '/usr/bin' }, '/usr/local/go/bin/go');
  assert.equal(p.env.PATH, '/home/u/go/bin:/usr/local/go/bin:/usr/bin');
});
