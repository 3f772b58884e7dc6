import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { PackageResults, TestResultsParams } from '../../src/protocol';
import { RunLedger, crlf, messageOf, outcomesOf } from '../../src/testResults';

const pkg = (importPath: string, status: PackageResults['status'], tests: PackageResults['tests'] = [], output?: string): PackageResults =>
  ({ importPath, dir: `file:///w/${importPath}`, status, elapsedMs: 5, cached: false, tests, ...(output === undefined ? {} : { output }) });

test('the test output is a terminal\'s: CRLF line ends', () => {
  assert.equal(crlf('a\nb\r\nc'), 'a\r\nb\r\nc');
});

test('each test status is an item state; a failure carries its output as message and output, at the test', () => {
  const outcomes = outcomesOf(pkg('m/a', 'fail', [
    { name: 'TestPass', status: 'pass', elapsedMs: 1 },
    { name: 'TestFail', status: 'fail', elapsedMs: 2, uri: 'file:///w/m/a/a_test.go', line: 9, output: 'a_test.go:12: got 3, want 4\n' },
    { name: 'TestFail/case_1', status: 'fail', elapsedMs: 1, output: 'a_test.go:20: bad' },
    { name: 'TestSlow', status: 'timeout', elapsedMs: 3 },
    { name: 'TestSkip', status: 'skip', elapsedMs: 0 },
    { name: 'TestStopped', status: 'stopped', elapsedMs: 0 },
  ]));
  assert.deepEqual(outcomes.map((o) => [o.test, o.state]), [['TestPass', 'passed'], ['TestFail', 'failed'], ['TestFail/case_1', 'failed'],
    ['TestSlow', 'failed'], ['TestSkip', 'skipped'], ['TestStopped', 'skipped'], [undefined, 'failed']]);
  const failed = outcomes[1];
  assert.equal(failed.message, 'a_test.go:12: got 3, want 4');
  assert.equal(failed.output, 'a_test.go:12: got 3, want 4\r\n');
  assert.equal(failed.uri, 'file:///w/m/a/a_test.go');
  assert.equal(failed.line, 9);
  assert.equal(failed.durationMs, 2);
  assert.equal(outcomes[2].output, 'a_test.go:20: bad\r\n');
  assert.equal(outcomes[3].message, 'TestSlow: timeout', 'no output: the status says what happened');
  assert.equal(outcomes[0].message, undefined);
  assert.equal(outcomes[0].output, undefined);
});

test('a package that does not build is errored with the compiler\'s output; a passing one passed', () => {
  const [broken] = outcomesOf(pkg('m/b', 'build-failed', [], 'b_test.go:3:2: undefined: x\n'));
  assert.deepEqual([broken.test, broken.state, broken.message, broken.output],
    [undefined, 'errored', 'b_test.go:3:2: undefined: x', 'b_test.go:3:2: undefined: x\r\n']);
  assert.deepEqual(outcomesOf(pkg('m/c', 'pass')).map((o) => o.state), ['passed']);
  assert.equal(outcomesOf(pkg('m/d', 'build-failed'))[0].message, 'm/d: build-failed');
});

test('a failed test keeps the lines it failed on, each to be its own message there', () => {
  const failure = { uri: 'file:///w/m/a/a_test.go', line: 11, character: 2, code: 'test-failure', message: 'TestFail: got 3, want 4' };
  const [failed, passed] = outcomesOf(pkg('m/a', 'fail', [
    { name: 'TestFail', status: 'fail', elapsedMs: 2, uri: 'file:///w/m/a/a_test.go', line: 9, output: 'a_test.go:12: got 3, want 4\n', failures: [failure] },
    { name: 'TestPass', status: 'pass', elapsedMs: 1, failures: [failure] },
  ]));
  assert.deepEqual(failed.failures, [failure]);
  assert.equal(passed.failures, undefined, 'a passing test has no failure lines');
});

const note = (runId: number, trigger: 'save' | 'command', done: boolean, ...packages: PackageResults[]): TestResultsParams =>
  ({ folder: 'file:///w', runId, trigger, done, packages });

test('a run on save gets a run of its own, fed each package once, ended by its done notification', () => {
  const opened: string[][] = [];
  const closed: string[][] = [];
  const ledger = new RunLedger<string[]>(() => { const r: string[] = []; opened.push(r); return r; }, (r) => closed.push(r));
  const feed = (p: TestResultsParams) => {
    const fed = ledger.notified(p);
    fed?.run.push(...fed.fresh.map((x) => x.importPath));
  };
  feed(note(1, 'save', false, pkg('m/a', 'pass')));
  feed(note(1, 'save', false, pkg('m/b', 'fail')));
  assert.equal(closed.length, 0);
  feed(note(1, 'save', true, pkg('m/a', 'pass'), pkg('m/b', 'fail'), pkg('m/c', 'pass')));
  assert.deepEqual(opened, [['m/a', 'm/b', 'm/c']]);
  assert.equal(closed.length, 1);
  assert.equal(ledger.notified(note(1, 'save', true, pkg('m/a', 'pass'))), undefined, 'an ended run is not opened again');
  feed(note(2, 'save', true, pkg('m/a', 'pass')));
  assert.equal(opened.length, 2, 'the next save, the next run');
});

test('the user\'s run gets its notifications and, from the answer, only what they did not carry', () => {
  const opened: string[][] = [];
  const ledger = new RunLedger<string[]>(() => { const r: string[] = []; opened.push(r); return r; }, () => undefined);
  const mine: string[] = [];
  ledger.expect('file:///w/', mine);
  const fed = ledger.notified({ ...note(7, 'command', false, pkg('m/a', 'pass')), folder: 'file:///w' });
  assert.equal(fed?.run, mine);
  assert.deepEqual(fed?.fresh.map((p) => p.importPath), ['m/a']);
  assert.equal(ledger.notified(note(7, 'command', true, pkg('m/a', 'pass')))?.fresh.length, 0, 'the done notification adds nothing new');
  const answered = ledger.answered('file:///w', { runId: 7, stopped: false, packages: [pkg('m/a', 'pass'), pkg('m/b', 'pass')] });
  assert.deepEqual(answered.map((p) => p.importPath), ['m/b']);
  assert.equal(ledger.notified(note(7, 'command', true, pkg('m/a', 'pass'))), undefined, 'nothing after the answer');
  assert.equal(opened.length, 0);
  // an answer with no notification before it: all of it
  ledger.expect('file:///w', mine);
  assert.deepEqual(ledger.answered('file:///w', { runId: 8, stopped: true, packages: [pkg('m/a', 'stopped')] }).length, 1);
  // a command run nobody here asked for (the expectation was answered) is shown like a save's
  ledger.notified(note(9, 'command', true, pkg('m/a', 'pass')));
  assert.equal(opened.length, 1);
});

test('after the user\'s run ended, or HotLSP stopped, nothing more reaches the runs; a save\'s open run is closed', () => {
  const closed: string[][] = [];
  const ledger = new RunLedger<string[]>(() => [], (r) => closed.push(r));
  const mine: string[] = [];
  ledger.expect('file:///w', mine);
  assert.equal(ledger.notified(note(3, 'command', false, pkg('m/a', 'pass')))?.run, mine);
  ledger.release(mine);
  assert.equal(ledger.notified(note(3, 'command', true, pkg('m/b', 'pass'))), undefined, 'a cancelled run gets nothing more');
  const save = ledger.notified(note(4, 'save', false, pkg('m/a', 'pass')))?.run;
  ledger.closeAll();
  assert.deepEqual(closed, [save]);
  assert.equal(ledger.notified(note(4, 'save', true, pkg('m/a', 'pass'))), undefined);
});

test('a failure\'s message is what the test printed, without go test\'s own lines, dedented', () => {
  assert.equal(messageOf('=== RUN   TestTotal\n    report_test.go:7: Total = 12, want 6\n        more\n--- FAIL: TestTotal (0.00s)\n'),
    'report_test.go:7: Total = 12, want 6\n    more');
  assert.equal(messageOf('=== RUN   TestX\n--- FAIL: TestX (0.00s)\n'), '');
  assert.equal(messageOf(undefined), '');
  const [total] = outcomesOf(pkg('m/r', 'fail', [{ name: 'TestTotal', status: 'fail', elapsedMs: 0,
    output: '=== RUN   TestTotal\n    report_test.go:7: Total = 12, want 6\n--- FAIL: TestTotal (0.00s)\n' }]));
  assert.equal(total.message, 'report_test.go:7: Total = 12, want 6');
  assert.equal(total.output, '=== RUN   TestTotal\r\n    report_test.go:7: Total = 12, want 6\r\n--- FAIL: TestTotal (0.00s)\r\n');
});
