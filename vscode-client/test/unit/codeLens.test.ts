import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { importPathOf, mainFunctionLine, targetOf } from '../../src/codeLens';

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
