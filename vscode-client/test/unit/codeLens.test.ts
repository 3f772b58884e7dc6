import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { MainCodeLens, importPathOf, mainFunctionLine, runnable, targetOf } from '../../src/codeLens';
import { answers, reset } from './vscodeStub';

test('the line of func main in a main package', () => {
  assert.equal(mainFunctionLine('// c\npackage main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println()\n}\n'), 5);
  assert.equal(mainFunctionLine('package lib\n\nfunc main() {}\n'), undefined);
  assert.equal(mainFunctionLine('package main\n\nfunc mainly() {}\n'), undefined);
});

test('a file names its directory as a target relative to the folder', () => {
  assert.equal(targetOf('/w', '/w/main.go'), '.');
  assert.equal(targetOf('/w', '/w/cmd/server/main.go'), './cmd/server');
});

test('a file\'s package import path: the nearest go.mod\'s module and the directory below it', () => {
  const files: Record<string, string> = {
    '/w/go.mod': 'module example.com/w\n\ngo 1.22\n',
    '/w/tools/go.mod': '// a nested module\nmodule "example.com/tools"\n',
  };
  const read = (p: string) => files[p];
  assert.equal(importPathOf('/w', '/w/main.go', read), 'example.com/w');
  assert.equal(importPathOf('/w', '/w/cmd/server/main.go', read), 'example.com/w/cmd/server');
  assert.equal(importPathOf('/w', '/w/tools/cmd/gen/main.go', read), 'example.com/tools/cmd/gen');
  assert.equal(importPathOf('/x', '/x/main.go', read), undefined, 'no go.mod: no import path');
  assert.equal(importPathOf('/w/sub', '/w/sub/a/main.go', () => undefined), undefined, 'never above the folder');
});

test('Run is offered only where HotLSP can run: a folder with a go.mod or go.work (in it or above), a file in a module', () => {
  const has = (...files: string[]) => (p: string) => files.includes(p);
  assert.ok(runnable('/w', '/w/main.go', has('/w/go.mod')));
  assert.ok(runnable('/w/cmd', '/w/cmd/server/main.go', has('/w/go.mod')), 'the folder inside a module');
  assert.ok(runnable('/w', '/w/app/main.go', has('/w/go.work', '/w/app/go.mod')), 'a module of a go.work');
  assert.ok(!runnable('/w', '/w/main.go', has()), 'no go.mod at all');
  assert.ok(!runnable('/w', '/w/app/main.go', has('/w/app/go.mod')), 'a module below a folder go does not load');
  assert.ok(!runnable('/w', '/w/scripts/main.go', has('/w/go.work', '/w/app/go.mod')), 'a file in no module of the go.work');
});

test('the lens: Run above main in a module, nothing in a folder without go.mod, Stop and Restart while it runs', () => {
  answers.folder = '/w';
  const doc = (file: string) => ({ uri: { fsPath: file }, getText: () => 'package main\n\nfunc main() {\n}\n' }) as unknown as vscode.TextDocument;
  const titles = (lens: MainCodeLens, file: string) => lens.provideCodeLenses(doc(file)).map((l) => l.command?.title);
  const files: Record<string, string> = { '/w/go.mod': 'module example.com/w\n' };
  const withModule = new MainCodeLens(() => false, (p) => files[p], (p) => p in files);
  assert.deepEqual(titles(withModule, '/w/main.go'), ['$(play) Run']);
  const running = new MainCodeLens((t) => t === 'example.com/w', (p) => files[p], (p) => p in files);
  assert.deepEqual(titles(running, '/w/main.go'), ['$(debug-stop) Stop', '$(debug-restart) Restart']);
  const noModule = new MainCodeLens(() => false, () => undefined, () => false);
  assert.deepEqual(titles(noModule, '/w/main.go'), [], 'no Run that could only fail');
  reset();
});
