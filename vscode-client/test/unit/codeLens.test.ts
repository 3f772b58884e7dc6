import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mainFunctionLine, targetOf } from '../../src/codeLens';

test('the line of func main in a main package', () => {
  assert.equal(mainFunctionLine('// c\npackage main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println()\n}\n'), 5);
  assert.equal(mainFunctionLine('package lib\n\nfunc main() {}\n'), undefined);
  assert.equal(mainFunctionLine('package main\n\nfunc mainly() {}\n'), undefined);
});

test('a file names its directory as a target relative to the folder', () => {
  assert.equal(targetOf('/w', '/w/main.go'), '.');
  assert.equal(targetOf('/w', '/w/cmd/server/main.go'), './cmd/server');
});
