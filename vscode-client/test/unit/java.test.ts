import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findJava, parseJavaMajor } from '../../src/java';

const versions: Record<string, string> = {
  [path.join('/jdk17', 'bin', 'java')]: 'openjdk version "17.0.9" 2023-10-17\nOpenJDK Runtime Environment',
  [path.join('/jdk21', 'bin', 'java')]: 'openjdk version "21.0.2" 2024-01-16 LTS',
  [path.join('/jdk8', 'bin', 'java')]: 'java version "1.8.0_392"',
  java: 'openjdk version "25" 2025-09-16',
};
const probe = (only: string[]) => async (java: string) => {
  if (!only.includes(java) || !(java in versions)) {
    throw Object.assign(new Error(`spawn ${java} ENOENT`), { code: 'ENOENT' });
  }
  return versions[java];
};

test('java -version output', () => {
  assert.equal(parseJavaMajor('openjdk version "21.0.2" 2024-01-16'), 21);
  assert.equal(parseJavaMajor('java version "1.8.0_392"'), 8);
  assert.equal(parseJavaMajor('openjdk version "25" 2025-09-16'), 25);
  assert.equal(parseJavaMajor('openjdk version "26-ea" 2026-03-17'), 26);
  assert.equal(parseJavaMajor('nothing'), undefined);
});

test('the setting comes first, then JAVA_HOME, then PATH', async () => {
  const all = Object.keys(versions);
  const bySetting = await findJava('/jdk21', { JAVA_HOME: '/jdk17' }, probe(all));
  assert.ok(bySetting.ok);
  assert.equal(bySetting.origin, 'hotlsp.java.home');
  const byHome = await findJava('', { JAVA_HOME: '/jdk21' }, probe(all));
  assert.ok(byHome.ok && byHome.origin === 'JAVA_HOME' && byHome.major === 21);
  const byPath = await findJava(undefined, { JAVA_HOME: '/jdk17' }, probe(all));
  assert.ok(byPath.ok && byPath.origin === 'PATH' && byPath.java === 'java' && byPath.major === 25);
});

test('when none fits, the message names each place tried and why', async () => {
  const r = await findJava('/jdk8', { JAVA_HOME: '/jdk17' }, probe([path.join('/jdk8', 'bin', 'java'), path.join('/jdk17', 'bin', 'java')]));
  assert.equal(r.ok, false);
  if (!r.ok) {
    assert.equal(r.message,
      `HotLSP needs Java 21 or newer. Tried hotlsp.java.home (${path.join('/jdk8', 'bin', 'java')}): Java 8 is older than 21; ` +
      `JAVA_HOME (${path.join('/jdk17', 'bin', 'java')}): Java 17 is older than 21; java on PATH: cannot run it (not found). ` +
      'Set "hotlsp.java.home" to a JDK 21+ (e.g. /usr/lib/jvm/temurin-21-jdk-amd64).');
  }
});

test('unset places are said to be unset', async () => {
  const r = await findJava('', {}, probe([]));
  assert.ok(!r.ok && r.message.includes('hotlsp.java.home: not set; JAVA_HOME: not set; java on PATH: cannot run it (not found)'));
});
