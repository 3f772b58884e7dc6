// End to end in a real VS Code (code-server 4.96.4 = VS Code 1.96) driven by Debian's chromium:
// installs the built .vsix, opens copies of test workspaces, and asserts what a user sees.
// A screenshot of each step goes to vscode-client/test-results/.
//   node --test test/e2e/vscode-web.test.mjs    (needs .vscode-web from vscode-web-setup.sh, the .vsix, go, a JDK >= 21, gopls)
// Environment: HOTLSP_VSCODE_WEB (default .vscode-web), HOTLSP_VSIX, HOTLSP_JAVA_HOME, HOTLSP_GOPLS.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { until as untilEvery } from '../../../scripts/test/until.mjs';

/** The e2e's condition wait: polled every 250 ms (code-server's UI is slow to change). */
const until = (what, check, timeoutMs = 60_000) => untilEvery(what, check, timeoutMs, 250);

const client = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const repo = path.resolve(client, '..');
const web = path.resolve(process.env.HOTLSP_VSCODE_WEB ?? path.join(client, '.vscode-web'));
const codeServer = path.join(web, 'node_modules', '.bin', 'code-server');
const version = JSON.parse(fs.readFileSync(path.join(client, 'package.json'), 'utf8')).version;
const vsix = path.resolve(process.env.HOTLSP_VSIX ?? path.join(client, `hotlsp-${version}.vsix`));
const results = path.join(client, 'test-results');
const { chromium } = createRequire(path.join(web, 'package.json'))('playwright-core');

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotlsp-vscode-'));
let server;
let browser;
let port;
let step = 0;
let current; // the page under test, for a screenshot when a step fails

/** A copy of test-workspaces/NAME in the temp dir. */
function workspace(name) {
  const dir = path.join(tmp, 'ws', name);
  fs.cpSync(path.join(repo, 'test-workspaces', name), dir, { recursive: true });
  return dir;
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => resolve(p));
    });
  });
}

async function shot(page, name) {
  step++;
  await page.screenshot({ path: path.join(results, `${String(step).padStart(2, '0')}-${name}.png`) });
}

function javaHome() {
  if (process.env.HOTLSP_JAVA_HOME) {
    return process.env.HOTLSP_JAVA_HOME;
  }
  return execFileSync('bash', ['-c', `source "${repo}/scripts/find-jdk.sh" && hotlsp_find_jdk`], { encoding: 'utf8' }).trim();
}

before(async () => {
  for (const [what, p] of [['code-server (tools/vscode-web-setup.sh)', codeServer], ['the .vsix (npm run package)', vsix]]) {
    if (!fs.existsSync(p)) {
      throw new Error(`${what} is missing: ${p}`);
    }
  }
  fs.rmSync(results, { recursive: true, force: true });
  fs.mkdirSync(results, { recursive: true });
  const ud = path.join(tmp, 'user-data');
  const ext = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(ud, 'User'), { recursive: true });
  const gopls = process.env.HOTLSP_GOPLS ?? fs.realpathSync(path.join(repo, '.tools', 'bin', 'gopls'));
  const settings = {
    'security.workspace.trust.enabled': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.ignoreRecommendations': true,
    'editor.minimap.enabled': false,
    'files.autoSave': 'off',
    'hotlsp.java.home': javaHome(),
    'hotlsp.gopls.path': gopls,
    'hotlsp.server.args': ['--trace', path.join(results, 'hotlsp-trace.log')],
  };
  fs.writeFileSync(path.join(ud, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  execFileSync(codeServer, ['--extensions-dir', ext, '--user-data-dir', ud, '--install-extension', vsix], { stdio: 'inherit' });
  port = await freePort();
  // Only hotlsp.java.home can give a JDK: no JAVA_HOME, and the java first on PATH is a 17 (a folder
  // that sets a wrong hotlsp.java.home then shows the "needs Java 21" message on any machine).
  const oldJava = path.join(tmp, 'java17', 'bin');
  fs.mkdirSync(oldJava, { recursive: true });
  fs.writeFileSync(path.join(oldJava, 'java'), '#!/bin/sh\necho \'openjdk version "17.0.1" 2021-10-19\' >&2\n', { mode: 0o755 });
  const { JAVA_HOME: _javaHome, ...inherited } = process.env;
  const env = {
    ...inherited,
    GOTOOLCHAIN: 'local',
    PATH: `${oldJava}:/usr/local/go/bin:${process.env.PATH}`,
    XDG_CACHE_HOME: path.join(tmp, 'cache'),
    GOFLAGS: '-mod=mod',
  };
  server = spawn(codeServer, ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--user-data-dir', ud,
    '--extensions-dir', ext, '--disable-telemetry', '--disable-workspace-trust'], {
    env, stdio: ['ignore', fs.openSync(path.join(results, 'code-server.log'), 'w'), fs.openSync(path.join(results, 'code-server.err.log'), 'w')],
    detached: true,
  });
  await until('code-server to listen', async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).ok, 60_000);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
});

after(async () => {
  if (current && !current.isClosed()) {
    await shot(current, 'last').catch(() => undefined);
  }
  await browser?.close();
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch { /* already gone */ }
  }
  // VS Code's logs (the extension host's, and the HotLSP output channels) are kept with the screenshots.
  fs.cpSync(path.join(tmp, 'user-data', 'logs'), path.join(results, 'logs'), { recursive: true });
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
});

/** The files named NAME under DIR. */
function findFiles(dir, name) {
  return fs.readdirSync(dir, { recursive: true }).filter((f) => path.basename(f) === name).map((f) => path.join(dir, f));
}

/** Opens VS Code on FOLDER and waits for the workbench. */
async function open(folder) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 780 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  current = page;
  return page;
}

/** Runs a command from the command palette by its title. */
async function command(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens FILE (relative to the folder) through Quick Open. */
async function openFile(page, file) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor();
  await input.fill(file);
  // the first row is the file once the list is filtered (before, it may be a recently opened one)
  const dir = path.dirname(file);
  await until(`${file} first in Quick Open`, async () => {
    const first = await page.locator('.quick-input-list .monaco-list-row').first().innerText();
    return first.includes(path.basename(file)) && (dir === '.' || first.includes(dir));
  }, 30_000);
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

/** The text of the status bar item HotLSP shows. */
async function statusText(page) {
  const item = page.locator('.statusbar-item[id$="hotlsp.status"]');
  return (await item.count()) ? (await item.first().innerText()).trim() : '';
}

/** The texts of all of HotLSP's status bar items (the first, then one more per running program). */
async function statusTexts(page) {
  const texts = await page.locator('.statusbar-item[id*="hotlsp.status"]').allInnerTexts();
  return texts.map((t) => t.trim()).filter((t) => t);
}

/** The seconds a status item says its program has run (`b · 3.2 s`), or undefined. */
function runSeconds(text) {
  const m = /· (\d+(?:\.\d)?) s\b|· (\d+)m (\d+)s/.exec(text);
  return !m ? undefined : m[1] !== undefined ? Number(m[1]) : Number(m[2]) * 60 + Number(m[3]);
}

/** The lens titles shown in the active editor. */
async function lenses(page) {
  return (await page.locator('.codelens-decoration a').allInnerTexts()).map((t) => t.trim());
}

/** HotLSP's messages in the trace (--trace) written after byte OFFSET, parsed, with METHOD. */
function traced(offset, method) {
  const file = path.join(results, 'hotlsp-trace.log');
  const text = fs.existsSync(file) ? fs.readFileSync(file).subarray(offset).toString('utf8') : '';
  return text.split('\n').filter((l) => l.includes(`"method":"${method}"`))
    .map((l) => JSON.parse(l.slice(l.indexOf('{')))).map((m) => m.params);
}

function traceSize() {
  const file = path.join(results, 'hotlsp-trace.log');
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}

/** The pids of the HotLSP servers (java … hotlsp.jar serve) this test's code-server started in DIR. */
function hotlspPids(dir) {
  const jar = path.join(tmp, 'extensions');
  return fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      const cmd = fs.readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
      return cmd.some((a) => a.startsWith(jar) && a.endsWith('hotlsp.jar')) && cmd.includes('serve')
        && fs.realpathSync(`/proc/${p}/cwd`) === fs.realpathSync(dir);
    } catch {
      return false; // gone meanwhile, or not ours to read
    }
  }).map(Number);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A workspace of two main packages that tick until stopped (cmd/a, cmd/b). */
function twoTickers() {
  const dir = path.join(tmp, 'ws', 'two');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'go.mod'), 'module example.com/two\n\ngo 1.22\n');
  for (const name of ['a', 'b']) {
    fs.mkdirSync(path.join(dir, 'cmd', name), { recursive: true });
    fs.writeFileSync(path.join(dir, 'cmd', name, 'main.go'), `// Command ${name} ticks until it is stopped.
package main

import (
\t"fmt"
\t"time"
)

func main() {
\tfor i := 0; ; i++ {
\t\tfmt.Println("${name} tick", i)
\t\ttime.Sleep(250 * time.Millisecond)
\t}
}
`);
  }
  return dir;
}

/** Goes to LINE (1-based) of the active editor, at its end. */
async function lineEnd(page, line) {
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
}

/** The text of the active editor's rendered lines. */
async function editorText(page) {
  return page.evaluate(() => [...document.querySelectorAll('.editor-instance .view-lines .view-line')]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n'));
}

/** The lines of the output channel the panel shows (the rendered ones, in their order on screen). */
async function outputText(page) {
  return page.evaluate(() => [...document.querySelectorAll('.panel .output-view .view-lines .view-line')]
    .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
    .map((l) => l.textContent.replace(/\u00a0/g, ' ')).join('\n'));
}

test('squiggle on the right line, one Problems entry, then Run, hot restart on save, crash', async () => {
  // 1. typeerror: the squiggle is on line 8 and the Problems panel lists the error once.
  const typeerror = workspace('typeerror');
  let page = await open(typeerror);
  await openFile(page, 'main.go');
  const squiggle = page.locator('.squiggly-error').first();
  await until('a squiggle', async () => (await squiggle.count()) > 0, 90_000);
  const lineText = await page.evaluate(() => {
    const s = document.querySelector('.squiggly-error');
    const top = s.parentElement.style.top;
    const line = [...document.querySelectorAll('.view-lines .view-line')].find((l) => l.style.top === top);
    return line ? line.textContent.replace(/\u00a0/g, ' ') : `no line at ${top}`;
  });
  assert.match(lineText, /count = "three"/);
  await shot(page, 'typeerror-squiggle');
  await page.keyboard.press('Control+Shift+M');
  const rows = page.locator('.markers-panel .monaco-list-row');
  await until('the Problems panel', async () => (await rows.count()) >= 2);
  const problems = await rows.allInnerTexts();
  const errors = problems.filter((t) => /cannot use "three"/.test(t));
  assert.equal(errors.length, 1, `one Problems entry per error, got:\n${problems.join('\n')}`);
  assert.match(errors[0], /\[Ln 8, Col \d+\]/);
  await shot(page, 'typeerror-problems');
  await page.close();

  // 2. ticker: Run Program starts it; its output shows in the "HotLSP Program" channel.
  const ticker = workspace('ticker');
  page = await open(ticker);
  await openFile(page, 'main.go');
  await until('the status bar item', async () => (await statusText(page)).includes('HotLSP'), 60_000);
  await shot(page, 'ticker-idle');
  await command(page, 'HotLSP: Run Program');
  await until('the program output', async () => /ticker v1 tick 2/.test(await outputText(page)), 90_000);
  await until('the status bar to say running', async () => /running · \d/.test(await statusText(page)));
  await shot(page, 'ticker-running');

  // 3. a save that changes the binary restarts it.
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('2"');
  await page.keyboard.press('Control+S');
  const restarted = /■ example.com\/ticker stopped for a restart .*\n▶ example.com\/ticker \(pid \d+, local\)\nticker v2 tick 0\n/;
  await until('the restarted program output', async () => restarted.test(await outputText(page)), 90_000);
  await until('running again', async () => /running · \d/.test(await statusText(page)));
  await shot(page, 'ticker-hot-restarted');

  // 4. a save that does not build: the status bar says so, the program keeps running; the fix saved clears it.
  await page.keyboard.press('Control+G');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(' + 1');
  await page.keyboard.press('Control+S');
  await until('the status bar to say build failed', async () => (await statusText(page)).includes('build failed'), 90_000);
  await shot(page, 'ticker-build-failed');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.press('Control+S');
  await until('running again after the fix', async () => /running · \d/.test(await statusText(page)), 90_000);
  assert.match(await outputText(page), /ticker v2 tick \d+\n?$/);

  // 5. Stop Program: the status bar says stopped, the lens offers Run again.
  const lens = page.locator('.codelens-decoration a');
  assert.deepEqual(await lens.allInnerTexts().then((t) => t.map((x) => x.trim())), ['Stop', 'Restart']);
  await command(page, 'HotLSP: Stop Program');
  await until('the status bar to say stopped', async () => (await statusText(page)).includes('stopped'));
  await until('the Run lens', async () => (await lens.allInnerTexts()).map((x) => x.trim()).join() === 'Run');
  await shot(page, 'ticker-stopped');

  // 6. a crash: the status bar names it; its trace is in the output.
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.type('"panic"');
  await page.keyboard.press('Control+S');
  await command(page, 'HotLSP: Run Program');
  // HotLSP restarts a crashed program, and holds one that died at once three times (and says so).
  const held = page.locator('.notifications-toasts', { hasText: 'died within 1 s of its start 3 times' });
  await until('the crash-loop hold and the status bar saying crashed: panic',
    async () => (await held.count()) > 0 && (await statusText(page)).includes('crashed: panic'), 90_000);
  assert.match(await outputText(page), /panic: ticker was asked to panic/);
  await shot(page, 'ticker-crashed');
  // ... and the panic is a diagnostic on its own line (source hotlsp), in the Problems panel.
  await page.keyboard.press('Control+Shift+M');
  const crashRows = page.locator('.markers-panel .monaco-list-row', { hasText: 'panic: ticker was asked to panic' });
  await until('the panic in the Problems panel', async () => (await crashRows.count()) > 0, 60_000);
  const crash = await crashRows.allInnerTexts();
  assert.equal(crash.length, 1, `one Problems entry for the panic, got:\n${crash.join('\n')}`);
  assert.match(crash[0], /\[Ln 14, Col \d+\]/);
  await shot(page, 'ticker-panic-diagnostic');
  await page.close();

  // 7. HotLSP's own log is in the "HotLSP" channel at each line's level: its INFO lines are not errors.
  const logs = findFiles(path.join(tmp, 'user-data', 'logs'), 'HotLSP.log');
  assert.ok(logs.length > 0, 'the HotLSP output channel has a log file');
  const log = logs.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
  assert.match(log, /\[info\] started gopls/);
  assert.doesNotMatch(log, /\[error\].* INFO /);
});

test('two programs, a comment edit, a killed HotLSP, save actions, go.mod diagnostics, no Java', async () => {
  // 1. Two programs run at once: one status item each.
  const two = twoTickers();
  let page = await open(two);
  await openFile(page, 'cmd/a/main.go');
  await until('the Run lens in cmd/a', async () => (await lenses(page)).join() === 'Run', 90_000);
  await page.locator('.codelens-decoration a', { hasText: 'Run' }).click();
  await until('a running', async () => /running · \d/.test(await statusText(page)), 90_000);
  await openFile(page, 'cmd/b/main.go');
  await until('the Run lens in cmd/b', async () => (await lenses(page)).join() === 'Run');
  await page.locator('.codelens-decoration a', { hasText: 'Run' }).click();
  const both = await until('two status items, a and b', async () => {
    const t = await statusTexts(page);
    return t.length === 2 && /^\S* ?a · \d/.test(t[0]) && /^\S* ?b · \d/.test(t[1]) ? t : undefined;
  }, 90_000);
  assert.equal(both.length, 2);
  await shot(page, 'two-running');

  // 2. A comment that moves no line in main.go: built, binary unchanged (build IDs masked), no restart.
  let mark = traceSize();
  const bItem = async () => (await statusTexts(page)).find((t) => /^\S* ?b · \d/.test(t)); // a build may show first
  const bSecondsBefore = runSeconds(await bItem());
  await page.locator('.editor-instance .view-lines').first().click();
  await lineEnd(page, 10);
  await page.keyboard.insertText(' // a comment moves no line');
  await page.keyboard.press('Control+S');
  const built = await until('the build of the comment edit', async () =>
    traced(mark, 'hotlsp/buildEnded').find((p) => p.target === 'example.com/two/cmd/b'), 90_000);
  assert.equal(built.ok, true);
  assert.equal(built.binaryChanged, false, `a comment edit leaves the binary unchanged: ${JSON.stringify(built)}`);
  assert.deepEqual(traced(mark, 'hotlsp/runStarted'), [], 'no program started again');
  const bAfter = await bItem();
  assert.ok(runSeconds(bAfter) >= bSecondsBefore, `b's run went on: ${bSecondsBefore} s before, now "${bAfter}"`);
  await shot(page, 'two-comment-no-restart');

  // 3. Stop with two running stops the active editor's package (b); a keeps running.
  await command(page, 'HotLSP: Stop Program');
  await until('only a running', async () => {
    const t = await statusTexts(page);
    return t.length === 1 && /running · \d/.test(t[0]);
  }, 30_000);
  await until('the Run lens in b again', async () => (await lenses(page)).join() === 'Run');

  // 4. HotLSP's java killed while a runs: the status bar leaves "running" within 2 s, a is gone with
  //    it, and once the client has started HotLSP again, Run works.
  const pids = hotlspPids(two);
  assert.equal(pids.length, 1, `one HotLSP serves ${two}: ${pids}`);
  const aRun = traced(0, 'hotlsp/runStarted').filter((p) => p.target === 'example.com/two/cmd/a').pop();
  assert.ok(aRun && alive(aRun.pid), 'a runs');
  process.kill(pids[0], 'SIGKILL');
  const killedAt = Date.now();
  await until('the status bar to leave running', async () => !(await statusTexts(page)).some((t) => /running|a ·/.test(t)), 2_000);
  const left = Date.now() - killedAt;
  await shot(page, 'two-hotlsp-killed');
  await until('a to end with HotLSP', async () => !alive(aRun.pid), 10_000);
  // running again: neither starting nor down ("HotLSP: …"), and no program of the killed one shown
  await until('HotLSP started again', async () => {
    const t = await statusText(page);
    return t && !/starting|HotLSP:|running/.test(t) && hotlspPids(two).length === 1;
  }, 90_000);
  mark = traceSize();
  await until('the Run lens in b after the restart', async () => (await lenses(page)).join() === 'Run');
  await page.locator('.codelens-decoration a', { hasText: 'Run' }).click();
  await until('b running on the new HotLSP', async () => /running · \d/.test(await statusText(page))
    && traced(mark, 'hotlsp/runStarted').some((p) => p.target === 'example.com/two/cmd/b'), 90_000);
  await until('the Stop lens', async () => (await lenses(page)).join() === 'Stop,Restart');
  await shot(page, 'two-run-after-kill');
  console.log(`# status bar left "running" ${left} ms after java was killed`);

  // 5. Format and organize imports on save ([go] defaults): a saved unused import is gone.
  const aFile = path.join(two, 'cmd', 'a', 'main.go');
  const before = fs.statSync(aFile).mtimeMs;
  await openFile(page, 'cmd/a/main.go');
  await page.locator('.editor-instance .view-lines').first().click();
  await lineEnd(page, 5);
  await page.keyboard.press('Enter');
  await page.keyboard.insertText('"strings"');
  await until('the unused import typed', async () => (await editorText(page)).includes('"strings"'));
  await page.keyboard.press('Control+S');
  await until('the saved file without the unused import', async () => fs.statSync(aFile).mtimeMs > before
    && !fs.readFileSync(aFile, 'utf8').includes('strings') && !(await editorText(page)).includes('strings')
    && (await page.locator('.tab.active.dirty').count()) === 0, 60_000);
  assert.match(fs.readFileSync(aFile, 'utf8'), /import \(\n\t"fmt"\n\t"time"\n\)/);
  await shot(page, 'organize-imports-on-save');

  // 6. A typo in go.mod: gopls's diagnostic (go.mod reaches gopls) in the Problems panel, and the
  //    requests gopls then fails (inlay hints, links of the open files) are logged, not popped up.
  await openFile(page, 'go.mod');
  mark = traceSize();
  const failedRequests = () => findFiles(path.join(tmp, 'user-data', 'logs'), 'gopls.log')
    .map((f) => fs.readFileSync(f, 'utf8').match(/Request textDocument\/\S+ failed/g)?.length ?? 0).reduce((a, b) => a + b, 0);
  const failedBefore = failedRequests();
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home');
  await page.keyboard.insertText('x');
  await page.keyboard.press('Control+S');
  await page.keyboard.press('Control+Shift+M');
  const modRows = page.locator('.markers-panel .monaco-list-row', { hasText: 'unknown directive' });
  await until('the go.mod diagnostic', async () => (await modRows.count()) > 0, 60_000);
  const fromGopls = (l) => l.includes(' gopls->hotlsp ') && l.includes('"method":"textDocument/publishDiagnostics"')
    && l.includes('/go.mod"') && l.includes('unknown directive');
  await until('gopls\'s diagnostic of go.mod', async () => fs.readFileSync(path.join(results, 'hotlsp-trace.log'))
    .subarray(mark).toString('utf8').split('\n').some(fromGopls), 60_000);
  await until('a request gopls failed, in the gopls channel', async () => failedRequests() > failedBefore, 30_000);
  const popups = page.locator('.notifications-toasts .notification-toast', { hasText: /Request textDocument\/\S+ failed/ });
  assert.equal(await popups.count(), 0, 'no pop-up per failed request the editor sent by itself');
  await shot(page, 'gomod-typo');
  await page.close();

  // 7. No Java 21 (a folder's hotlsp.java.home names no JDK): the status item says so until HotLSP
  //    runs, and Open Settings in the message shows the setting.
  const noJava = workspace('hello');
  fs.mkdirSync(path.join(noJava, '.vscode'));
  fs.writeFileSync(path.join(noJava, '.vscode', 'settings.json'), JSON.stringify({ 'hotlsp.java.home': path.join(tmp, 'no-jdk') }));
  page = await open(noJava);
  await openFile(page, 'main.go');
  const javaMessage = page.locator('.notifications-toasts .notification-toast', { hasText: 'hotlsp.java.home' });
  await until('the needs-Java message', async () => (await javaMessage.count()) > 0, 60_000);
  await until('the status item saying what failed', async () => (await statusText(page)).includes('HotLSP: needs Java 21'));
  await shot(page, 'no-java');
  await javaMessage.locator('.monaco-button', { hasText: 'Open Settings' }).click();
  const setting = page.locator('.settings-editor .setting-item-contents', { hasText: /Java: Home/ });
  await until('the setting in the Settings editor', async () => (await setting.count()) > 0, 30_000);
  assert.equal(await page.locator('.settings-editor .no-results-message:visible').count(), 0, 'not "No Settings Found"');
  await shot(page, 'no-java-open-settings');
  assert.match(await statusText(page), /HotLSP: needs Java 21/, 'still says what failed');
  await page.close();
});

/** A copy of test/fixtures/calc (calc, tested; report, whose test sees calc.Scale) with tests on save. */
function calcTests() {
  const dir = path.join(tmp, 'ws', 'calc');
  fs.cpSync(path.join(client, 'test', 'fixtures', 'calc'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.vscode'));
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'hotlsp.test.onSave': true }));
  // go's cache for the test binaries, as code-server's HotLSP will find it: a cold one makes the
  // first run compile the standard library (minutes on a busy machine) inside the run being waited for
  execFileSync('go', ['test', '-count=1', '-run', '^$', './...'], { cwd: dir, stdio: 'ignore', env: {
    ...process.env, GOTOOLCHAIN: 'local', GOFLAGS: '-mod=mod', XDG_CACHE_HOME: path.join(tmp, 'cache'),
    PATH: `/usr/local/go/bin:${process.env.PATH}` } });
  return dir;
}

/** The Test Explorer's rows: label (without its duration) and the state its icon shows (passed, failed, unset…). */
async function explorerRows(page) {
  return page.evaluate(() => [...document.querySelectorAll('.test-explorer .monaco-list-row')].map((row) => {
    const icon = row.querySelector('.computed-state');
    const state = icon ? ([...icon.classList].map((c) => /^codicon-testing-(\w+)-icon$/.exec(c)).find((m) => m)?.[1] ?? '') : '';
    const label = (row.querySelector('.label') ?? row).cloneNode(true);
    label.querySelectorAll('.test-label-description').forEach((d) => d.remove()); // the duration
    return { label: label.textContent.trim(), state };
  }));
}

/** Expands every collapsed row of the Test Explorer (the tree starts collapsed). */
async function expandExplorer(page) {
  for (let i = 0; i < 10; i++) {
    const collapsed = page.locator('.test-explorer .monaco-list-row[aria-expanded="false"]');
    if ((await collapsed.count()) === 0) {
      return;
    }
    await collapsed.first().locator('.monaco-tl-twistie').click();
  }
}

test('Test Explorer: the tests listed, a run from a lens passes and fails, an on-save failure is one Problem', async () => {
  const calc = calcTests();
  const page = await open(calc);
  await openFile(page, 'calc/calc_test.go');
  // 1. the Test Explorer lists the packages and their tests (from hotlsp.listTests)
  await command(page, 'Testing: Focus on Test Explorer View');
  const listed = await until('the tests in the Test Explorer', async () => {
    await expandExplorer(page);
    const labels = (await explorerRows(page)).map((r) => r.label);
    return ['example.com/calc/calc', 'TestAdd', 'TestAddTable', 'example.com/calc/report', 'TestTotal']
      .every((l) => labels.includes(l)) ? labels : undefined;
  }, 90_000);
  assert.ok(!listed.some((l) => /Benchmark/.test(l)), `no benchmarks: ${listed}`);
  await shot(page, 'tests-listed');

  // 2. "run test" above each test function; a run from the lens passes, and names the subtests it ran
  await until('the run test lenses', async () => (await lenses(page)).filter((t) => t === 'run test').length === 2, 60_000);
  await page.locator('.codelens-decoration a', { hasText: 'run test' }).first().click();
  await until('TestAdd passed', async () => (await explorerRows(page)).some((r) => r.label === 'TestAdd' && r.state === 'passed'), 90_000);
  await page.locator('.codelens-decoration a', { hasText: 'run test' }).nth(1).click();
  await until('TestAddTable passed with its subtests', async () => {
    await expandExplorer(page);
    const rows = await explorerRows(page);
    return ['TestAddTable', 'zero', 'negative'].every((l) => rows.some((r) => r.label === l && r.state === 'passed'));
  }, 90_000);
  await shot(page, 'tests-lens-passed');

  // 3. a saved change to calc.Scale runs the tests that can see it: report's fails, one Problems entry on its line
  await openFile(page, 'calc/calc.go');
  await page.locator('.editor-instance .view-lines').first().click();
  await lineEnd(page, 11);
  await page.keyboard.type(' * 2');
  await page.keyboard.press('Control+S');
  await page.keyboard.press('Control+Shift+M');
  const failure = page.locator('.markers-panel .monaco-list-row', { hasText: 'Total = 12, want 6' });
  await until('the test failure in the Problems panel', async () => (await failure.count()) > 0, 120_000);
  const entries = await failure.allInnerTexts();
  assert.equal(entries.length, 1, `one Problems entry for the failure, got:\n${entries.join('\n')}`);
  assert.match(entries[0], /\[Ln 7, Col \d+\]/);
  await until('TestTotal failed in the explorer (the on-save run)', async () =>
    (await explorerRows(page)).some((r) => r.label === 'TestTotal' && r.state === 'failed'), 60_000);
  await shot(page, 'tests-on-save-failure');

  // 4. the failing test run from its lens fails again; the fix saved passes it and clears the Problem
  await openFile(page, 'report/report_test.go');
  await until('the run test lens in report', async () => (await lenses(page)).includes('run test'), 60_000);
  const mark = traceSize();
  await page.locator('.codelens-decoration a', { hasText: 'run test' }).first().click();
  const ran = await until('the lens\'s run of TestTotal', async () => traced(mark, 'hotlsp/testResults')
    .find((p) => p.trigger === 'command' && p.done), 90_000);
  assert.deepEqual(ran.packages.map((p) => [p.importPath, p.status, p.tests.map((t) => `${t.name} ${t.status}`)]),
    [['example.com/calc/report', 'fail', ['TestTotal fail']]]);
  await until('TestTotal failed from the lens', async () => (await explorerRows(page)).some((r) => r.label === 'TestTotal' && r.state === 'failed'), 30_000);
  await shot(page, 'tests-lens-failed');
  await openFile(page, 'calc/calc.go');
  await page.locator('.editor-instance .view-lines').first().click();
  await lineEnd(page, 11);
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press('Backspace');
  }
  await page.keyboard.press('Control+S');
  await until('TestTotal passing after the fix', async () =>
    (await explorerRows(page)).some((r) => r.label === 'TestTotal' && r.state === 'passed'), 120_000);
  await until('the Problem cleared', async () => (await failure.count()) === 0, 60_000);
  await shot(page, 'tests-fixed');
  await page.close();
});
