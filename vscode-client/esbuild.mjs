// Bundles the extension into dist/extension.js (vscode is provided by the editor).
import * as esbuild from 'esbuild';

await esbuild.build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
});
