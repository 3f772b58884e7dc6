import { defineConfig, type Plugin } from 'vite';

/**
 * Vite 6 rewrites `const {a, b} = await import(m).then(n => n.main)` into an import of `a` and `b`
 * from `m` itself, then still takes `.main` of the result (undefined): the TextMate tokenizer of
 * monaco-vscode-textmate-service-override then throws "Cannot destructure property
 * 'applyStateStackDiff'" and Go keeps only gopls's semantic colours. Binding the import to a
 * name first keeps Vite's hands off.
 */
function keepNamespaceImport(): Plugin {
  return {
    name: 'hotlsp-keep-namespace-import',
    transform(code, id) {
      if (!id.includes('textMateWorkerTokenizerController')) {
        return null;
      }
      return code.replace(
        /const \{ applyStateStackDiff, INITIAL \} = (await import\([^)]*\)\.then\(function \(n\) \{ return n\.main; \}\));/,
        'const textmate = $1;\n            const { applyStateStackDiff, INITIAL } = textmate;',
      );
    },
  };
}

// One static bundle in dist/ that `hotlsp web` serves at `/` (no CDN at run time).
export default defineConfig({
  base: './',
  plugins: [keepNamespaceImport()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 10_000,
    reportCompressedSize: false,
  },
});
