// The page `hotlsp web` serves, in Debian's chromium (playwright-core), against a real `hotlsp web`,
// gopls and go: squiggles, completion, Run → output, edit + Ctrl+S → the new version's output, a panic
// on its line, two tabs = two sessions, a dropped connection reconnected with the document kept.
// Screenshots of each step go to web-client/test-results/ (the page with a panic: NN-panic.png);
// HOTLSP_UPDATE_DOCS=1 also copies that one to docs/web-page.png (the README's picture): a test run
// never changes the checkout otherwise.
//   node --test test/    (needs web-client/dist (npm run build), the jar (./dev build), go, gopls, a JDK >= 21)
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BROKEN_MAIN, GREET_GO, CHROMIUM, chromium, client, openPage, repo, startWeb, until, writeWorkspace } from './harness.mjs';

const results = path.join(client, 'test-results');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotlsp-webpage-'));
const ws = path.join(tmp, 'ws', 'webdemo');
let web;
let browser;
let step = 0;
let tab; // the first tab, used by the steps in order

async function shot(page, name) {
  step++;
  await page.screenshot({ path: path.join(results, `${String(step).padStart(2, '0')}-${name}.png`) });
}

/** Selects the text of LINE (1-based) from COLUMN to its end in the page's editor, then types TEXT. */
async function replaceRestOfLine(page, line, column, text) {
  await page.evaluate(([l, c]) => {
    const e = window.hotlsp.editor;
    e.focus();
    e.setSelection({ startLineNumber: l, startColumn: c, endLineNumber: l, endColumn: e.getModel().getLineMaxColumn(l) });
  }, [line, column]);
  await page.keyboard.type(text);
}

const editorText = (page) => page.evaluate(() => window.hotlsp.editor.getModel().getValue());
const problems = (page) => page.locator('#problems').innerText();
const output = (page) => page.locator('#output').innerText();

before(async () => {
  fs.rmSync(results, { recursive: true, force: true });
  fs.mkdirSync(results, { recursive: true });
  for (const [what, p] of [['web-client/dist (npm run build)', path.join(client, 'dist', 'index.html')],
    ['the jar (./dev build)', path.join(repo, 'lsp-proxy', 'target', 'hotlsp.jar')], ['chromium', CHROMIUM]]) {
    if (!fs.existsSync(p)) {
      throw new Error(`${what} is missing: ${p}`);
    }
  }
  writeWorkspace(ws, BROKEN_MAIN);
  web = await startWeb(ws, path.join(results, 'hotlsp-web.log'), path.join(tmp, 'cache'));
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});

after(async () => {
  if (tab && !tab.page.isClosed()) {
    await shot(tab.page, 'last').catch(() => undefined);
  }
  await browser?.close();
  web?.stop();
  fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
});

test('a cold page shows the type error as a squiggle and in the problems list', async () => {
  tab = await openPage(browser, web.url);
  const { page } = tab;
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
  await until('the problem listed', async () => (await problems(page)).includes('main.go:6:'));
  assert.match(await problems(page), /cannot use "oops"/);
  assert.match(await page.locator('#tree').innerText(), /main\.go/);
  assert.match(await page.locator('#tree').innerText(), /go\.mod/);
  const { firstSquiggleMs, phases } = await page.evaluate(() => window.hotlsp);
  const load = { coldPageToFirstSquiggleMs: Math.round(firstSquiggleMs), phases };
  fs.writeFileSync(path.join(results, 'page-load.json'), JSON.stringify(load) + '\n');
  console.log(`cold page load to first squiggle: ${JSON.stringify(load)}`);
  await shot(page, 'type-error');
});

test('completion offers fmt.Println', async () => {
  const { page } = tab;
  await page.evaluate(() => {
    const e = window.hotlsp.editor;
    e.focus();
    e.setPosition({ lineNumber: 7, column: e.getModel().getLineMaxColumn(7) });
  });
  await page.keyboard.press('Enter');
  await page.keyboard.type('fmt.Pri');
  await page.locator('.suggest-widget .monaco-list-row', { hasText: 'Println' }).first().waitFor({ timeout: 30_000 });
  await shot(page, 'completion');
  await page.keyboard.press('Escape');
  await page.evaluate(() => { // take the typed line out again
    const e = window.hotlsp.editor;
    const m = e.getModel();
    e.executeEdits('test', [{ range: { startLineNumber: 7, startColumn: m.getLineMaxColumn(7), endLineNumber: 8, endColumn: m.getLineMaxColumn(8) }, text: '' }]);
  });
  assert.equal(await editorText(page), BROKEN_MAIN);
});

test('a fix saved with Ctrl+S clears the squiggle; Run shows the output and the run\'s figures', async () => {
  const { page } = tab;
  await replaceRestOfLine(page, 6, 2, 'n := 41');
  await page.keyboard.press('Control+S');
  await until('the fix on disk', () => fs.readFileSync(path.join(ws, 'main.go'), 'utf8').includes('n := 41'));
  await until('no squiggle', async () => (await page.locator('.monaco-editor .squiggly-error').count()) === 0);
  await until('a run target', async () => (await page.locator('#target option').count()) > 0);
  assert.equal(await page.locator('#target').inputValue(), 'example.com/webdemo');
  await page.locator('#run').click();
  await until('the program\'s output', async () => (await output(page)).includes('hello v1 41'));
  await until('the run\'s end', async () => /exit 0 · exited · \d+ ms · cpu -?\d+ ms · peak -?\d+ KiB/.test(await page.locator('#runinfo').innerText()));
  await shot(page, 'run');
});

test('an edit saved with Ctrl+S restarts the program: the new version\'s output', async () => {
  const { page } = tab;
  await replaceRestOfLine(page, 7, 2, 'fmt.Println("hello v2", n)');
  await page.keyboard.press('Control+S');
  await until('the new version\'s output', async () => (await output(page)).includes('hello v2 41'), 90_000);
  await shot(page, 'hot-restart');
});

test('a panic shows as a squiggle on its line', async () => {
  const { page } = tab;
  await replaceRestOfLine(page, 7, 2, 'panic(fmt.Sprint("boom ", n))');
  await page.keyboard.press('Control+S');
  await until('the panic in the output', async () => (await output(page)).includes('panic: boom 41'), 90_000);
  await until('the panic as a problem on line 7', async () => /panic: boom 41 main\.go:7:\d+ \[hotlsp\]/.test(await problems(page)), 60_000);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor();
  const squiggleTop = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
  const line7 = await page.locator('.monaco-editor .line-numbers', { hasText: /^7$/ }).boundingBox();
  assert.ok(Math.abs(squiggleTop.y - line7.y) < line7.height, `the squiggle is on line 7 (${squiggleTop.y} vs ${line7.y})`);
  await shot(page, 'panic');
  if (process.env.HOTLSP_UPDATE_DOCS === '1') {
    await page.screenshot({ path: path.join(repo, 'docs', 'web-page.png') });
  }
});

test('two tabs are two sessions: each sees its own unsaved edits only', async () => {
  const { page } = tab;
  const second = await openPage(browser, web.url);
  try {
    await until('the second tab connected', () => second.page.evaluate(() => window.hotlsp.connected));
    await replaceRestOfLine(page, 7, 2, 'var first string = 1');
    await replaceRestOfLine(second.page, 7, 2, 'var second bool = 2');
    await until('tab 1\'s error in tab 1', async () => (await problems(page)).includes('as string value'));
    await until('tab 2\'s error in tab 2', async () => (await problems(second.page)).includes('as bool value'));
    assert.doesNotMatch(await problems(page), /as bool value/);
    assert.doesNotMatch(await problems(second.page), /as string value/);
    await shot(second.page, 'second-tab');
  } finally {
    await second.context.close();
  }
});

test('a dropped connection is reopened: the new session has the unsaved document', async () => {
  const { page } = tab;
  assert.match(await editorText(page), /var first string = 1/);
  await page.evaluate(() => window.hotlsp.socket.close(4000, 'dropped by the test'));
  await until('reconnected', () => page.evaluate(() => window.hotlsp.connections === 2 && window.hotlsp.connected));
  assert.match(await editorText(page), /var first string = 1/, 'the unsaved edit is still in the editor');
  await until('the new session\'s diagnostics of the unsaved text', async () => (await problems(page)).includes('as string value'));
  await page.keyboard.press('Control+S');
  await until('saved through the new session', () => fs.readFileSync(path.join(ws, 'main.go'), 'utf8').includes('var first string = 1'));
  await shot(page, 'reconnected');
  assert.deepEqual(tab.errors, [], 'no uncaught errors in the page');
});

test('hover, rename and format come from gopls', async () => {
  const { page } = tab;
  // line 6 is `\tn := 41` by now
  const at = await page.evaluate(() => {
    const e = window.hotlsp.editor;
    e.focus();
    e.setPosition({ lineNumber: 6, column: 2 });
    const p = e.getScrolledVisiblePosition({ lineNumber: 6, column: 2 });
    const box = e.getDomNode().getBoundingClientRect();
    return { x: box.left + p.left + 3, y: box.top + p.top + p.height / 2 };
  });
  await page.mouse.move(at.x, at.y);
  await until('the hover', async () => /var n int/.test(await page.locator('.monaco-hover').allInnerTexts().then((t) => t.join(' '))), 30_000);
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F2');
  const rename = page.locator('.rename-box input');
  await rename.waitFor({ timeout: 30_000 });
  await rename.fill('count');
  await page.keyboard.press('Enter');
  await until('the rename', async () => (await editorText(page)).includes('\tcount := 41'), 30_000);
  await replaceRestOfLine(page, 6, 2, 'count   :=    41');
  await page.keyboard.press('Control+Shift+I'); // Format Document, VS Code's key on Linux
  await until('the format', async () => (await editorText(page)).includes('\tcount := 41\n'), 30_000);
  await shot(page, 'rename-format');
});

test('go to definition opens the other file at the declaration; the tree opens files', async () => {
  const { page } = tab;
  await replaceRestOfLine(page, 7, 2, '_ = greet(count)');
  await page.evaluate(() => {
    const e = window.hotlsp.editor;
    e.focus();
    e.setPosition({ lineNumber: 7, column: 7 });
  });
  await page.keyboard.press('F12');
  await until('greet.go shown', async () => (await page.locator('#filename').innerText()) === 'greet.go', 30_000);
  assert.equal(await editorText(page), GREET_GO);
  assert.equal(await page.evaluate(() => window.hotlsp.editor.getPosition().lineNumber), 4);
  await shot(page, 'definition');
  await page.locator('#tree .file', { hasText: 'main.go' }).click();
  await until('main.go shown again', async () => (await page.locator('#filename').innerText()) === 'main.go');
  assert.match(await editorText(page), /_ = greet\(count\)/, 'its unsaved text kept');
});
