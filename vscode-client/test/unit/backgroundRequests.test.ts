import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { BACKGROUND_REQUESTS, showsFailure } from '../../src/backgroundRequests';

test('requests the editor sends by itself fail quietly; a user\'s own requests still say so', () => {
  for (const m of ['textDocument/inlayHint', 'textDocument/codeLens', 'textDocument/documentLink', 'textDocument/semanticTokens/full']) {
    assert.equal(showsFailure(m), false, m);
  }
  for (const m of ['textDocument/rename', 'textDocument/formatting', 'workspace/executeCommand', 'textDocument/definition']) {
    assert.equal(showsFailure(m), true, m);
  }
  assert.ok([...BACKGROUND_REQUESTS].every((m) => /^[a-zA-Z]+\/[a-zA-Z/]+$/.test(m)));
});
