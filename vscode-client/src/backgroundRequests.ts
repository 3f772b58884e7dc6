// Which failed requests may pop up a message: not those VS Code sends by itself as the user types,
// scrolls or moves the cursor. No vscode import (tested in plain Node).

/**
 * Requests the editor sends on its own (not a user's command). While go.mod does not parse, gopls
 * fails each of them, and vscode-languageclient would show one pop-up per request ("Request
 * textDocument/inlayHint failed.") on every keystroke; the failure is still logged in the channel,
 * and the cause is a diagnostic of its own.
 */
export const BACKGROUND_REQUESTS: ReadonlySet<string> = new Set([
  'textDocument/inlayHint', 'inlayHint/resolve',
  'textDocument/codeLens', 'codeLens/resolve',
  'textDocument/documentLink', 'documentLink/resolve',
  'textDocument/semanticTokens/full', 'textDocument/semanticTokens/full/delta', 'textDocument/semanticTokens/range',
  'textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/selectionRange',
  'textDocument/documentHighlight', 'textDocument/documentColor', 'textDocument/hover',
  'textDocument/codeAction', 'codeAction/resolve', 'textDocument/signatureHelp',
  'textDocument/completion', 'completionItem/resolve', 'textDocument/diagnostic', 'textDocument/inlineValue',
]);

/** Whether a failure of request `method` may show a pop-up (it is logged either way). */
export function showsFailure(method: string): boolean {
  return !BACKGROUND_REQUESTS.has(method);
}
