import { test, beforeEach } from 'node:test';
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { answers, recorded, reset, MemoryMemento, ConfigurationTarget } from './vscodeStub';
import { GO_EXTENSION, HAND_OVER, offerHandOver } from '../../src/coexistence';

beforeEach(reset);
const api = vscode as unknown as Parameters<typeof offerHandOver>[0];

test('no vscode-go: nothing asked', async () => {
  assert.equal(await offerHandOver(api, new MemoryMemento() as never, ConfigurationTarget.Global as never), 'skipped');
  assert.equal(recorded.messages.length, 0);
});

test('vscode-go with its language server off: nothing asked', async () => {
  answers.extensions = [GO_EXTENSION];
  answers.config = { go: { useLanguageServer: false } };
  assert.equal(await offerHandOver(api, new MemoryMemento() as never, ConfigurationTarget.Global as never), 'skipped');
});

test('vscode-go running gopls: asked once; handing over turns its language server off for the user', async () => {
  answers.extensions = [GO_EXTENSION];
  answers.message = HAND_OVER;
  const state = new MemoryMemento();
  assert.equal(await offerHandOver(api, state as never, ConfigurationTarget.Global as never), 'handed-over');
  assert.match(recorded.messages[0].text, /"go.useLanguageServer": false/);
  assert.deepEqual(recorded.configUpdates, [{ section: 'go', key: 'useLanguageServer', value: false, target: ConfigurationTarget.Global }]);
  answers.config = { go: { useLanguageServer: true } };
  assert.equal(await offerHandOver(api, state as never, ConfigurationTarget.Global as never), 'skipped');
  assert.equal(recorded.messages.length, 1);
});

test('declined: not asked again, settings untouched', async () => {
  answers.extensions = [GO_EXTENSION];
  const state = new MemoryMemento();
  assert.equal(await offerHandOver(api, state as never, ConfigurationTarget.Global as never), 'asked');
  assert.equal(await offerHandOver(api, state as never, ConfigurationTarget.Global as never), 'skipped');
  assert.equal(recorded.configUpdates.length, 0);
});
