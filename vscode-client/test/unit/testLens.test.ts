import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { RUN_TEST, TestCodeLens } from '../../src/testLens';
import { answers, reset } from './vscodeStub';

test('"run test" above each test HotLSP listed in the file, where HotLSP can run; the line is the document\'s', () => {
  answers.folder = '/w';
  const text = 'package a\n\nimport "testing"\n\nfunc TestA(t *testing.T) {}\n\nfunc TestUnlisted(t *testing.T) {}\n\nfunc TestB(t *testing.T) {}\n';
  const doc = (file: string) => ({ uri: { fsPath: file, toString: () => `file://${file}` }, getText: () => text }) as unknown as vscode.TextDocument;
  const listed = () => new Set(['TestA', 'TestB', 'TestGone']);
  const lens = new TestCodeLens(listed, (p) => p === '/w/go.mod');
  const shown = lens.provideCodeLenses(doc('/w/a/a_test.go'));
  assert.deepEqual(shown.map((l) => [(l.range as unknown as { startLine: number }).startLine, l.command?.title, l.command?.command]),
    [[4, '$(play) run test', RUN_TEST], [8, '$(play) run test', RUN_TEST]]);
  assert.deepEqual(shown[0].command?.arguments, [{ uri: 'file:///w/a/a_test.go', name: 'TestA' }]);
  assert.deepEqual(new TestCodeLens(listed, () => false).provideCodeLenses(doc('/w/a/a_test.go')), [], 'no go.mod: nothing HotLSP can run');
  assert.deepEqual(new TestCodeLens(() => new Set(), (p) => p === '/w/go.mod').provideCodeLenses(doc('/w/a/a_test.go')), [], 'none listed');
  assert.deepEqual(lens.provideCodeLenses(doc('/w/a/a.go')), [], 'not a test file');
  reset();
});
