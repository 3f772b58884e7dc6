import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
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

/**
 * Writes NAME.br and NAME.gz next to every compressible file of dist/ (at least 1 KiB), so that
 * `hotlsp web` sends the page's ~9 MB as ~2 MB without compressing on each request (StaticFiles
 * picks the sibling the browser accepts).
 */
function precompress(): Plugin {
  const brotli = promisify(zlib.brotliCompress);
  const gzip = promisify(zlib.gzip);
  let outDir = 'dist';
  return {
    name: 'hotlsp-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      const files = (fs.readdirSync(outDir, { recursive: true }) as string[])
        .map((f) => path.join(outDir, f))
        .filter((f) => /\.(js|mjs|css|html|json|svg|wasm|ttf|txt|map)$/.test(f) && fs.statSync(f).size >= 1024);
      await Promise.all(files.map(async (f) => {
        const data = fs.readFileSync(f);
        fs.writeFileSync(`${f}.br`, await brotli(data, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
        }));
        fs.writeFileSync(`${f}.gz`, await gzip(data, { level: 9 }));
      }));
    },
  };
}

// One static bundle in dist/ that `hotlsp web` serves at `/` (no CDN at run time).
export default defineConfig({
  base: './',
  plugins: [keepNamespaceImport(), precompress()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 10_000,
    reportCompressedSize: false,
  },
});
