import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as protocol from '../../src/protocol';

test('the targets named by a refusal to guess', () => {
  assert.deepEqual(protocol.targetsOfAmbiguity('several main packages, name one as target: a/b, a/c'), ['a/b', 'a/c']);
  assert.deepEqual(protocol.targetsOfAmbiguity('no main package in /w'), []);
});

test('protocol.ts names exactly the commands and notifications docs/lsp-extensions.md documents', () => {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'docs', 'lsp-extensions.md'), 'utf8');
  // what only the page of `hotlsp web` uses (VS Code has its own files and target lenses)
  const webPageOnly = new Set(['hotlsp.targets', 'hotlsp/files', 'hotlsp/readFile', 'hotlsp/writeFile']);
  const documented = new Set([...doc.matchAll(/`(hotlsp[./][A-Za-z]+)`/g)].map((m) => m[1]).filter((n) => !webPageOnly.has(n)));
  const mirrored = new Set<string>([
    ...Object.values(protocol.Commands),
    ...[protocol.RunStartedNotification, protocol.OutputNotification, protocol.RunEndedNotification,
      protocol.BuildEndedNotification, protocol.TestResultsNotification].map((n) => n.method),
  ]);
  assert.deepEqual([...mirrored].sort(), [...documented].sort());
});
