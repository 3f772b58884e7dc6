import { test, beforeEach } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { answers, recorded, reset } from './vscodeStub';
import { ALL, Ids, registerCommands, Server, targetArguments } from '../../src/commands';
import { InvalidParams } from '../../src/protocol';

/** A server that records each executeCommand and answers from a script. */
class ScriptedServer implements Server {
  sent: { command: string; args: unknown[] }[] = [];
  constructor(private readonly answer: (command: string, args: unknown[]) => unknown) {}
  async executeCommand(command: string, args: unknown[]) {
    this.sent.push({ command, args });
    return this.answer(command, args);
  }
  async doctor() { return 'bubblewrap: active'; }
  async restartServer() { this.sent.push({ command: '<restart server>', args: [] }); }
}

const refusal = (message: string) => Object.assign(new Error(message), { code: InvalidParams });
let shown = 0;
const register = (s: Server | undefined) => registerCommands(() => s, () => shown++);

beforeEach(() => {
  reset();
  shown = 0;
});

test('every command the manifest contributes is registered, and no other', () => {
  register(new ScriptedServer(() => null));
  const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
  assert.deepEqual([...recorded.commands.keys()].sort(), contributed);
  assert.deepEqual(Object.values(Ids).sort(), contributed);
});

test('each command is one workspace/executeCommand of HotLSP', async () => {
  const s = new ScriptedServer(() => null);
  register(s);
  await recorded.commands.get(Ids.run)!();
  await recorded.commands.get(Ids.run)!({ target: './cmd/server' });
  await recorded.commands.get(Ids.stop)!();
  await recorded.commands.get(Ids.restart)!();
  await recorded.commands.get(Ids.dump)!();
  await recorded.commands.get(Ids.restartGopls)!();
  assert.deepEqual(s.sent, [
    { command: 'hotlsp.run', args: [] },
    { command: 'hotlsp.run', args: [{ target: './cmd/server' }] },
    { command: 'hotlsp.stop', args: [] },
    { command: 'hotlsp.restart', args: [] },
    { command: 'hotlsp.dump', args: [] },
    { command: 'hotlsp.restartGopls', args: [] },
  ]);
});

test('several main packages: the user picks one from those HotLSP named, and it runs', async () => {
  const s = new ScriptedServer((_c, args) => {
    if (args.length === 0) {
      throw refusal('several main packages, name one as target: example.com/m/cmd/a, example.com/m/cmd/b');
    }
    return { runId: '1' };
  });
  register(s);
  answers.quickPick = 'example.com/m/cmd/b';
  await recorded.commands.get(Ids.run)!();
  assert.deepEqual(recorded.quickPicks.map((q) => q.items), [['example.com/m/cmd/a', 'example.com/m/cmd/b']]);
  assert.deepEqual(s.sent.at(-1), { command: 'hotlsp.run', args: [{ target: 'example.com/m/cmd/b' }] });
  assert.equal(recorded.messages.length, 0);
});

test('a pick dismissed runs nothing; any other refusal is shown as HotLSP said it', async () => {
  const s = new ScriptedServer(() => {
    throw refusal('several main packages, name one as target: a, b');
  });
  register(s);
  await recorded.commands.get(Ids.run)!();
  assert.equal(s.sent.length, 1);
  const other = new ScriptedServer(() => {
    throw refusal('no main package in /w');
  });
  reset();
  register(other);
  await recorded.commands.get(Ids.run)!();
  assert.deepEqual(recorded.messages, [{ kind: 'error', text: 'HotLSP: no main package in /w', items: [] }]);
});

test('without a server the commands say so; Show Program Output still works', async () => {
  register(undefined);
  await recorded.commands.get(Ids.run)!();
  assert.match(recorded.messages[0].text, /HotLSP is not running/);
  await recorded.commands.get(Ids.showOutput)!();
  assert.equal(shown, 1);
});

test('Run Doctor opens its report', async () => {
  register(new ScriptedServer(() => null));
  await recorded.commands.get(Ids.doctor)!();
  assert.deepEqual(recorded.documents, ['bubblewrap: active']);
});

test('Stop with several programs running stops the active editor\'s package, else asks which', async () => {
  const s = new ScriptedServer(() => ({ stopped: [] }));
  let active: string | undefined = 'example.com/m/cmd/b';
  registerCommands(() => s, () => undefined, { running: () => ['example.com/m/cmd/a', 'example.com/m/cmd/b'], active: () => active });
  await recorded.commands.get(Ids.stop)!();
  assert.deepEqual(s.sent.at(-1), { command: 'hotlsp.stop', args: [{ target: 'example.com/m/cmd/b' }] });
  assert.equal(recorded.quickPicks.length, 0);

  active = 'example.com/m/internal/lib';
  answers.quickPick = 'example.com/m/cmd/a';
  await recorded.commands.get(Ids.restart)!();
  assert.deepEqual(recorded.quickPicks.map((q) => q.items), [['example.com/m/cmd/a', 'example.com/m/cmd/b', ALL]]);
  assert.deepEqual(s.sent.at(-1), { command: 'hotlsp.restart', args: [{ target: 'example.com/m/cmd/a' }] });

  answers.quickPick = ALL;
  await recorded.commands.get(Ids.stop)!();
  assert.deepEqual(s.sent.at(-1), { command: 'hotlsp.stop', args: [] });

  answers.quickPick = undefined; // dismissed: nothing is sent
  const before = s.sent.length;
  await recorded.commands.get(Ids.stop)!();
  assert.equal(s.sent.length, before);

  await recorded.commands.get(Ids.stop)!({ target: 'example.com/m/cmd/a' }); // the lens names its package
  assert.deepEqual(s.sent.at(-1), { command: 'hotlsp.stop', args: [{ target: 'example.com/m/cmd/a' }] });
});

test('Stop with one program or none leaves the choice to HotLSP', async () => {
  assert.deepEqual(await targetArguments(undefined, { running: () => ['example.com/m'], active: () => undefined }, 'stop'), []);
  assert.deepEqual(await targetArguments(undefined, { running: () => [], active: () => 'x' }, 'stop'), []);
  assert.equal(recorded.quickPicks.length, 0);
});
