// Loaded with `node --require`: every `require('vscode')` gets the stub (there is no VS Code here).
import Module = require('node:module');
import * as stub from './vscodeStub';

const mod = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
const load = mod._load;
mod._load = function (request: string, parent: unknown, isMain: boolean) {
  return request === 'vscode' ? stub : load.call(this, request, parent, isMain);
};
