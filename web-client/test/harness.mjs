// What the page's browser test and its page-load bench share: a real `hotlsp web` on a workspace,
// Debian's chromium through playwright-core, and polling waits.
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const client = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const repo = path.resolve(client, '..');
export const { chromium } = createRequire(path.join(client, 'package.json'))('playwright-core');
export { until } from '../../scripts/test/until.mjs';
export const CHROMIUM = process.env.HOTLSP_CHROMIUM ?? '/usr/bin/chromium';

function javaHome() {
  if (process.env.HOTLSP_JAVA_HOME) {
    return process.env.HOTLSP_JAVA_HOME;
  }
  return execFileSync('bash', ['-c', `source "${repo}/scripts/find-jdk.sh" && hotlsp_find_jdk`], { encoding: 'utf8' }).trim();
}

/**
 * Starts `./hotlsp web DIR --listen 127.0.0.1:0 --static web-client/dist` and resolves with the page
 * URL it prints (`http://127.0.0.1:PORT/?token=…`) and the process; its stderr goes to `log`.
 */
export async function startWeb(dir, log, cacheDir) {
  const env = {
    ...process.env,
    // go's build cache stays the user's (a fresh one under XDG_CACHE_HOME rebuilds the standard library: a minute here)
    GOCACHE: execFileSync('go', ['env', 'GOCACHE'], { encoding: 'utf8', env: { ...process.env, PATH: `/usr/local/go/bin:${process.env.PATH}` } }).trim(),
    JAVA_HOME: javaHome(),
    GOTOOLCHAIN: 'local',
    PATH: `/usr/local/go/bin:${process.env.PATH}`,
    XDG_CACHE_HOME: cacheDir,
  };
  const args = ['web', dir, '--listen', '127.0.0.1:0', '--static', path.join(client, 'dist')];
  const child = spawn(path.join(repo, 'hotlsp'), args, { env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  const out = fs.createWriteStream(log);
  let seen = '';
  const url = await new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => {
      out.write(d);
      seen += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(seen);
      if (m) {
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`hotlsp web exited (${code}) before printing its URL:\n${seen}`)));
  });
  return { url, child, stop: () => stopGroup(child) };
}

export function stopGroup(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** A Go module at DIR (module example.com/webdemo) with main.go = `main` and greet.go (func greet). */
export function writeWorkspace(dir, main) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/webdemo\n\ngo 1.22\n');
  fs.writeFileSync(path.join(dir, 'main.go'), main);
  fs.writeFileSync(path.join(dir, 'greet.go'), GREET_GO);
}

/** The second file: `greet` is declared on its line 4. */
export const GREET_GO = 'package main\n\n// greet is what the definition test jumps to.\nfunc greet(n int) string { return "hi" }\n';

/** A Go program whose line 6 has a type error; line 7 prints `hello v1`. */
export const BROKEN_MAIN = [
  'package main',
  '',
  'import "fmt"',
  '',
  'func main() {',
  '\tvar n int = "oops"',
  '\tfmt.Println("hello v1", n)',
  '}',
  '',
].join('\n');

/** Opens the page in a fresh context (no cache) and waits for its editor. */
export async function openPage(browser, url, viewport = { width: 1400, height: 820 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 60_000 });
  return { page, context, errors };
}
