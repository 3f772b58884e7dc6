import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DynamicFeature, ExecuteCommandOptions, RegistrationData } from 'vscode-languageclient/node';
import { registerOnlyFreeCommands } from '../../src/serverCommands';

test('commands another extension holds are left out of the registration, and said', () => {
  const registered: string[][] = [];
  const feature = { register: (d: RegistrationData<ExecuteCommandOptions>) => registered.push(d.registerOptions.commands) } as unknown as DynamicFeature<ExecuteCommandOptions>;
  const skipped: string[][] = [];
  registerOnlyFreeCommands(feature, new Set(['gopls.tidy']), (c) => skipped.push(c));
  feature.register({ id: '1', registerOptions: { commands: ['gopls.tidy', 'gopls.test', 'hotlsp.run'] } });
  assert.deepEqual(registered, [['gopls.test', 'hotlsp.run']]);
  assert.deepEqual(skipped, [['gopls.tidy']]);
});
