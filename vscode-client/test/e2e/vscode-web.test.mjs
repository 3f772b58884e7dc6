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

/** Waits until `check` returns a truthy value (polled), or fails with `what` and the last value seen. */
async function until(what, check, timeoutMs = 60_000) {
  const end = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) {
        return last;
      }
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
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
  const env = {
    ...process.env,
    GOTOOLCHAIN: 'local',
    PATH: `/usr/local/go/bin:${process.env.PATH}`,
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
  await page.locator('.quick-input-list .monaco-list-row', { hasText: path.basename(file) }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-lines').first().waitFor();
}

/** The text of the status bar item HotLSP shows. */
async function statusText(page) {
  const item = page.locator('.statusbar-item[id$="hotlsp.status"]');
  return (await item.count()) ? (await item.first().innerText()).trim() : '';
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
