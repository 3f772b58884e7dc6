// The extension's view of HotLSP's messages (src/protocol.ts) against the real jar and the real
// gopls, in plain Node: VS Code 1.96's own initialize params (captured from code-server), then
// hotlsp.run, hotlsp/output, hotlsp/runEnded, hotlsp.stop, and the refusal that lists targets;
// hotlsp.listTests, hotlsp.test and hotlsp/testResults as the Test Explorer reads them.
//   HOTLSP_JAR (default ../lsp-proxy/target/hotlsp.jar), HOTLSP_GOPLS (default ../.tools/bin/gopls), JAVA_HOME
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, MessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import * as protocol from '../../src/protocol';
import type { ListTestsResult, OutputParams, RunEndedParams, RunStartedParams, TestResult, TestResultsParams } from '../../src/protocol';
import { functionLines, runRequests, runnablePackages, sameUri } from '../../src/testTree';
import { RunLedger, outcomesOf } from '../../src/testResults';

const client = path.resolve(__dirname, '..', '..', '..');
const repo = path.resolve(client, '..');
const jar = process.env.HOTLSP_JAR ?? path.join(repo, 'lsp-proxy', 'target', 'hotlsp.jar');
const gopls = process.env.HOTLSP_GOPLS ?? path.join(repo, '.tools', 'bin', 'gopls');
const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotlsp-protocol-'));

/** HotLSP serving one workspace copy, and what it sent. */
class Session {
  readonly connection: MessageConnection;
  readonly started: RunStartedParams[] = [];
  readonly output: OutputParams[] = [];
  readonly ended: RunEndedParams[] = [];
  readonly testResults: TestResultsParams[] = [];
  private waiters: (() => boolean)[] = [];

  constructor(readonly process: ChildProcess, readonly folder: string) {
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    this.connection.onRequest(() => null); // registerCapability, workDoneProgress/create, showMessageRequest
    this.connection.onNotification(protocol.RunStartedNotification, (p) => this.record(this.started, p));
    this.connection.onNotification(protocol.OutputNotification, (p) => this.record(this.output, p));
    this.connection.onNotification(protocol.RunEndedNotification, (p) => this.record(this.ended, p));
    this.connection.onNotification(protocol.TestResultsNotification, (p) => this.record(this.testResults, p));
    this.connection.listen();
  }

  /** HotLSP on a copy of `from` (default test-workspaces/NAME). */
  static async open(name: string, from = path.join(repo, 'test-workspaces', name)): Promise<Session> {
    const folder = path.join(tmp, name);
    fs.cpSync(from, folder, { recursive: true });
    const child = spawn(java, ['-jar', jar, 'serve', '--gopls', gopls], {
      cwd: folder,
      env: { ...process.env, GOTOOLCHAIN: 'local', XDG_CACHE_HOME: path.join(tmp, 'cache'), PATH: `/usr/local/go/bin:${process.env.PATH}` },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr!.pipe(fs.createWriteStream(path.join(tmp, `${name}.log`)));
    const s = new Session(child, folder);
    const uri = pathToFileURL(folder).toString();
    const params = fs.readFileSync(path.join(client, 'test', 'fixtures', 'vscode-1.96-initialize.json'), 'utf8')
      .replaceAll('${ROOT_PATH}', folder).replaceAll('${ROOT_URI}', uri).replaceAll('${NAME}', name);
    const result = await s.connection.sendRequest('initialize', JSON.parse(params)) as { capabilities: { executeCommandProvider?: { commands: string[] } } };
    for (const command of Object.values(protocol.Commands)) {
      assert.ok(result.capabilities.executeCommandProvider?.commands.includes(command), `${command} is offered`);
    }
    await s.connection.sendNotification('initialized', {});
    return s;
  }

  async openFile(rel: string): Promise<void> {
    const file = path.join(this.folder, rel);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: pathToFileURL(file).toString(), languageId: 'go', version: 1, text: fs.readFileSync(file, 'utf8') },
    });
  }

  command(command: string, args: unknown[]): Promise<unknown> {
    return this.connection.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  /** Waits (at most `ms`) until `check` holds. */
  until(what: string, check: () => boolean, ms = 120_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
      const poll = () => {
        if (check()) {
          clearTimeout(timer);
          resolve();
          return true;
        }
        return false;
      };
      if (!poll()) {
        this.waiters.push(poll);
      }
    });
  }

  async close(): Promise<void> {
    await this.connection.sendRequest('shutdown').catch(() => undefined);
    await this.connection.sendNotification('exit').catch(() => undefined);
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) {
        resolve();
      } else {
        this.process.once('exit', () => resolve());
      }
    });
    this.connection.dispose();
  }

  private record<T>(list: T[], item: T): void {
    list.push(item);
    this.waiters = this.waiters.filter((w) => !w());
  }
}

before(() => {
  for (const [what, p] of [['HotLSP jar', jar], ['gopls', gopls]]) {
    assert.ok(fs.existsSync(p), `${what} is missing: ${p}`);
  }
});

after(() => {
  if (!process.env.HOTLSP_KEEP) {
    fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  }
});

test('run, output, stop: the messages have the shape src/protocol.ts gives them', async () => {
  const s = await Session.open('ticker');
  try {
    await s.openFile('main.go');
    const started = await s.command(protocol.Commands.run, []) as RunStartedParams;
    assert.deepEqual(Object.keys(started).sort(), ['binary', 'isolation', 'pid', 'runId', 'startedAt', 'target']);
    assert.equal(started.target, 'example.com/ticker');
    assert.equal(started.isolation, 'local');
    await s.until('hotlsp/runStarted', () => s.started.some((p) => p.runId === started.runId));
    await s.until(`two ticks of output (${s.started.length} runs started)`, () => /ticker v1 tick 1\n/.test(s.output.map((o) => o.text).join('')));
    const out = s.output[0];
    assert.equal(out.runId, started.runId);
    assert.equal(out.stream, 'stdout');
    const status = await s.command(protocol.Commands.status, []) as RunStartedParams[];
    assert.deepEqual(status.map((r) => r.runId), [started.runId]);
    const stopped = await s.command(protocol.Commands.stop, []) as protocol.StopResult;
    assert.deepEqual(stopped, { stopped: ['example.com/ticker'] });
    await s.until('hotlsp/runEnded', () => s.ended.length > 0);
    const ended = s.ended[0];
    assert.deepEqual(Object.keys(ended).sort(),
      ['cpuMs', 'exitCode', 'peakRssKiB', 'reason', 'runId', 'signal', 'target', 'truncatedBytes', 'wallMs']);
    assert.equal(ended.runId, started.runId);
    assert.equal(ended.reason, 'stopped');
  } finally {
    await s.close();
  }
});

test('a run without a target among several main packages is refused with the list the extension offers', async () => {
  const s = await Session.open('multi');
  try {
    await s.openFile('cmd/server/main.go');
    await assert.rejects(s.command(protocol.Commands.run, []), (e: { code: number; message: string }) => {
      assert.equal(e.code, protocol.InvalidParams);
      assert.deepEqual(protocol.targetsOfAmbiguity(e.message), ['example.com/multi/cmd/server', 'example.com/multi/cmd/tool']);
      return true;
    });
  } finally {
    await s.close();
  }
});

test('listTests and test: a folder\'s tests, runs of the regexes the explorer builds, results answered and notified', async () => {
  const s = await Session.open('calc', path.join(client, 'test', 'fixtures', 'calc'));
  try {
    const folder = pathToFileURL(s.folder).toString();
    const file = (rel: string) => pathToFileURL(path.join(s.folder, rel)).toString();
    const lines = (rel: string) => functionLines(fs.readFileSync(path.join(s.folder, rel), 'utf8'));
    await s.openFile('calc/calc_test.go');
    const listed = await s.command(protocol.Commands.listTests, [{ uri: folder }]) as ListTestsResult;
    assert.deepEqual(listed.packages.map((p) => p.importPath).sort(), ['example.com/calc/calc', 'example.com/calc/report']);
    const calc = listed.packages.find((p) => p.importPath === 'example.com/calc/calc')!;
    assert.deepEqual(Object.keys(calc).sort(), ['dir', 'importPath', 'tests']);
    assert.ok(sameUri(calc.dir, pathToFileURL(path.join(s.folder, 'calc')).toString()), calc.dir);
    const calcLines = lines('calc/calc_test.go');
    assert.deepEqual(calc.tests.map((t) => [t.name, t.kind, t.line]).sort(),
      [['BenchmarkAdd', 'benchmark', calcLines.get('BenchmarkAdd')], ['TestAdd', 'test', calcLines.get('TestAdd')],
        ['TestAddTable', 'test', calcLines.get('TestAddTable')]]);
    assert.ok(calc.tests.every((t) => sameUri(t.uri, file('calc/calc_test.go'))), JSON.stringify(calc.tests));
    assert.deepEqual(runnablePackages(listed.packages).flatMap((p) => p.tests.map((t) => t.name)).sort(), ['TestAdd', 'TestAddTable', 'TestTotal']);

    // one test: only it runs; the run is answered at its end and notified (done) with the same id
    const [one] = runRequests([{ folder, importPath: 'example.com/calc/calc', test: 'TestAdd' }]);
    const answer = await s.command(protocol.Commands.test, [one]) as TestResult;
    assert.deepEqual(Object.keys(answer).sort(), ['packages', 'runId', 'stopped']);
    assert.equal(answer.stopped, false);
    assert.deepEqual(answer.packages.map((p) => [p.importPath, p.status, p.tests.map((t) => `${t.name} ${t.status}`)]),
      [['example.com/calc/calc', 'pass', ['TestAdd pass']]]);
    await s.until('the done notification of the run', () => s.testResults.some((n) => n.runId === answer.runId && n.done));
    const done = s.testResults.find((n) => n.runId === answer.runId && n.done)!;
    assert.equal(done.trigger, 'command');
    assert.ok(sameUri(done.folder, folder), done.folder);

    // one subtest: its parent and it, not its sibling
    const [sub] = runRequests([{ folder, importPath: 'example.com/calc/calc', test: 'TestAddTable/zero' }]);
    assert.equal(sub.run, '^TestAddTable$/^zero$');
    const subAnswer = await s.command(protocol.Commands.test, [sub]) as TestResult;
    assert.deepEqual(subAnswer.packages[0].tests.map((t) => `${t.name} ${t.status}`).sort(), ['TestAddTable pass', 'TestAddTable/zero pass']);

    // a change to calc.Scale: the tests that can see it run; report's fails, with its output, at its test
    const calcGo = path.join(s.folder, 'calc', 'calc.go');
    fs.writeFileSync(calcGo, fs.readFileSync(calcGo, 'utf8').replace('return x * f', 'return x * f * 2'));
    const seen = s.testResults.length;
    const affected = await s.command(protocol.Commands.test, [{ affectedBy: [file('calc/calc.go')], folder }]) as TestResult;
    assert.deepEqual(affected.packages.map((p) => [p.importPath, p.status]).sort(),
      [['example.com/calc/calc', 'pass'], ['example.com/calc/report', 'fail']]);
    const report = affected.packages.find((p) => p.importPath === 'example.com/calc/report')!;
    const total = report.tests.find((t) => t.name === 'TestTotal')!;
    assert.equal(total.status, 'fail');
    assert.match(total.output ?? '', /Total = 12, want 6/);
    assert.ok(sameUri(total.uri, file('report/report_test.go')), total.uri);
    assert.equal(total.line, lines('report/report_test.go').get('TestTotal'));
    const [failed] = outcomesOf(report);
    assert.deepEqual([failed.test, failed.state], ['TestTotal', 'failed']);
    assert.match(failed.message ?? '', /Total = 12, want 6/);

    // the explorer's ledger, fed what HotLSP sent for that run and its answer, shows each package once
    await s.until('the done notification of the affected run', () => s.testResults.some((n) => n.runId === affected.runId && n.done));
    const shown: string[] = [];
    const ledger = new RunLedger<string[]>(() => [], () => undefined);
    ledger.expect(folder, shown);
    for (const n of s.testResults.slice(seen)) {
      const fed = ledger.notified(n);
      if (fed?.run === shown) {
        shown.push(...fed.fresh.map((p) => p.importPath));
      }
    }
    shown.push(...ledger.answered(folder, affected).map((p) => p.importPath));
    assert.deepEqual(shown.sort(), ['example.com/calc/calc', 'example.com/calc/report']);
  } finally {
    await s.close();
  }
});
