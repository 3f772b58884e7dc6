// The documents HotLSP (and so gopls) is sent: Go files, go.mod/go.work/go.sum and Go templates,
// under the language ids vscode-go uses, so the two extensions name them alike.
import type { DocumentSelector } from 'vscode-languageclient/node';

/** The language ids of the documents gopls reads (package.json contributes them). */
export const GO_LANGUAGES = ['go', 'go.mod', 'go.work', 'go.sum', 'gotmpl'] as const;

/** The client's document selector: those languages, files on disk only. */
export const DOCUMENT_SELECTOR: DocumentSelector = GO_LANGUAGES.map((language) => ({ scheme: 'file', language }));
