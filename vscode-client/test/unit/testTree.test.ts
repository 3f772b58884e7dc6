import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { diffChildren, functionLines, isTestFile, quoteMeta, runRegexes, runRequests, runnablePackages, sameUri, testLabel, testPath } from '../../src/testTree';

test('the explorer shows what -run can run: tests, fuzz targets and examples, not benchmarks; no empty package', () => {
  const t = (name: string, kind: 'test' | 'benchmark' | 'fuzz' | 'example') => ({ name, kind, uri: 'file:///w/a_test.go', line: 1 });
  const shown = runnablePackages([
    { importPath: 'm/a', dir: 'file:///w/a', tests: [t('TestA', 'test'), t('BenchmarkA', 'benchmark'), t('FuzzA', 'fuzz'), t('ExampleA', 'example')] },
    { importPath: 'm/b', dir: 'file:///w/b', tests: [t('BenchmarkB', 'benchmark')] },
  ]);
  assert.deepEqual(shown.map((p) => [p.importPath, p.tests.map((x) => x.name)]), [['m/a', ['TestA', 'FuzzA', 'ExampleA']]]);
});

test('children are kept (with their subtests and results), added, removed, and re-created when their file changed', () => {
  const existing = new Map<string, string | undefined>([['TestA', 'file:///w/a_test.go'], ['TestB', 'file:///w/a_test.go'], ['TestC', 'file:///w/a_test.go']]);
  const diff = diffChildren(existing, [
    { id: 'TestA', uri: 'file:///w/a_test.go' }, { id: 'TestC', uri: 'file:///w/c_test.go' }, { id: 'TestD', uri: 'file:///w/a_test.go' }]);
  assert.deepEqual(diff, { add: ['TestC', 'TestD'], remove: ['TestB', 'TestC'], keep: ['TestA'] });
  assert.deepEqual(diffChildren(new Map(), []), { add: [], remove: [], keep: [] });
});

test('URIs compare however they were encoded', () => {
  assert.ok(sameUri('file:///w/my%20dir/', 'file:///w/my dir'));
  assert.ok(sameUri('file:///w/a%2Bb', 'file:///w/a+b'));
  assert.ok(!sameUri('file:///w/a', 'file:///w/b'));
  assert.ok(!sameUri('file:///w/a', undefined));
});

test('a subtest hangs under its parents; its label is its last element', () => {
  assert.deepEqual(testPath('TestX'), ['TestX']);
  assert.deepEqual(testPath('TestX/case_1/deep'), ['TestX', 'TestX/case_1', 'TestX/case_1/deep']);
  assert.equal(testLabel('TestX/case_1'), 'case_1');
});

test('-run regexes are anchored and quoted, one per level', () => {
  assert.equal(quoteMeta('a.b+c(d)|[e]{f}^$*?\\'), 'a\\.b\\+c\\(d\\)\\|\\[e\\]\\{f\\}\\^\\$\\*\\?\\\\');
  assert.deepEqual(runRegexes(['TestA']), ['^TestA$']);
  assert.deepEqual(runRegexes(['TestB', 'TestA', 'TestA']), ['^(TestA|TestB)$']);
  assert.deepEqual(runRegexes(['TestX/case_1']), ['^TestX$/^case_1$']);
  assert.deepEqual(runRegexes(['TestX/a', 'TestX/b+c']), ['^TestX$/^(a|b\\+c)$']);
  assert.deepEqual(runRegexes(['TestX/a/b']), ['^TestX$/^a$/^b$']);
});

test('a selection mixing levels runs each level by its own regex; a test selected with its parent runs with it', () => {
  assert.deepEqual(runRegexes(['TestA', 'TestX/case_1']), ['^TestA$', '^TestX$/^case_1$']);
  assert.deepEqual(runRegexes(['TestX', 'TestX/case_1']), ['^TestX$']);
  assert.deepEqual(runRegexes(['TestX', undefined]), [undefined], 'the whole package');
  assert.deepEqual(runRegexes([]), []);
});

test('hotlsp.test calls: per folder, packages sharing a regex go together, whole packages without one', () => {
  assert.deepEqual(runRequests([
    { folder: 'file:///w', importPath: 'm/b', test: 'TestA' },
    { folder: 'file:///w', importPath: 'm/a', test: 'TestA' },
    { folder: 'file:///w', importPath: 'm/c' },
    { folder: 'file:///w', importPath: 'm/d' },
    { folder: 'file:///w', importPath: 'm/a', test: 'TestX/case_1' },
    { folder: 'file:///v', importPath: 'n/a', test: 'TestA' },
  ]), [
    { folder: 'file:///w', packages: ['m/a', 'm/b'], run: '^TestA$' },
    { folder: 'file:///w', packages: ['m/a'], run: '^TestX$/^case_1$' },
    { folder: 'file:///w', packages: ['m/c', 'm/d'] },
    { folder: 'file:///v', packages: ['n/a'], run: '^TestA$' },
  ]);
});

test('the lines of a file\'s top-level functions (where the lenses go)', () => {
  const lines = functionLines('package a\n\nimport "testing"\n\nfunc TestA(t *testing.T) {\n}\r\n\nfunc (s S) TestM() {}\nfunc helper[T any](t T) {}\n  func TestIndented() {}\n');
  assert.deepEqual([...lines], [['TestA', 4], ['helper', 8]]);
  assert.ok(isTestFile('/w/a_test.go'));
  assert.ok(!isTestFile('/w/a.go'));
});
