// Builds the .vsix: bundles the extension, copies in HotLSP's jar, runs vsce, then checks the
// package (jar and bundle present, no node_modules) and reports its size.
//   node scripts/package.mjs [JAR]   (default ../lsp-proxy/target/hotlsp.jar)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { vsixEntries } from './vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jar = path.resolve(process.argv[2] ?? path.join(root, '..', 'lsp-proxy', 'target', 'hotlsp.jar'));
if (!fs.existsSync(jar)) {
  console.error(`package: ${jar} is missing; build HotLSP first (./dev build)`);
  process.exit(2);
}
const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const out = path.join(root, `hotlsp-${version}.vsix`);
fs.mkdirSync(path.join(root, 'server'), { recursive: true });
fs.copyFileSync(jar, path.join(root, 'server', 'hotlsp.jar'));
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
run(process.execPath, ['esbuild.mjs', '--minify']);
run(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies',
  '--skip-license', '--allow-missing-repository', '--out', out]);

const entries = vsixEntries(fs.readFileSync(out));
const names = entries.map((e) => e.name);
const problems = [];
for (const needed of ['extension/server/hotlsp.jar', 'extension/dist/extension.js', 'extension/package.json']) {
  if (!names.includes(needed)) {
    problems.push(`missing ${needed}`);
  }
}
const stray = names.filter((n) => n.includes('node_modules/') || n.startsWith('extension/src/') || n.startsWith('extension/test/'));
if (stray.length) {
  problems.push(`development files in the package: ${stray.slice(0, 5).join(', ')}${stray.length > 5 ? ', …' : ''}`);
}
const size = fs.statSync(out).size;
console.log(`package: ${path.relative(process.cwd(), out)}: ${(size / 1048576).toFixed(1)} MiB, ${names.length} files`);
for (const e of entries) {
  console.log(`  ${String(e.size).padStart(10)}  ${e.name}`);
}
if (problems.length) {
  console.error(`package: ${problems.join('; ')}`);
  process.exit(1);
}
