// Cold page load to first squiggle (issue 19, goal <= 3 s): a real `hotlsp web` on a one-file
// workspace with a type error, the page opened N times in fresh chromium contexts (empty HTTP cache,
// a new connection = a new session and gopls each time), and, as the peer in the same run, N loads
// with a warm HTTP cache (the page's second load in one context). Prints Markdown; JSON to bench/results/.
//   node bench/web-page-load.mjs [N=5]   (needs ./dev build: the jar and web-client/dist; chromium)
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BROKEN_MAIN, CHROMIUM, chromium, repo, startWeb, writeWorkspace } from '../web-client/test/harness.mjs';

const n = Number(process.argv[2] ?? 5);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hotlsp-pageload-'));
const ws = path.join(tmp, 'ws', 'webdemo');
writeWorkspace(ws, BROKEN_MAIN);
const started = Date.now();
const web = await startWeb(ws, path.join(tmp, 'hotlsp-web.log'), path.join(tmp, 'cache'));
const readyMs = Date.now() - started;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });

/** One load of the page in `page`: first squiggle and phases (ms since navigation start), bytes fetched. */
async function load(page) {
  await page.goto(web.url);
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
  return page.evaluate(() => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    return {
      squiggleMs: Math.round(window.hotlsp.firstSquiggleMs),
      phases: window.hotlsp.phases,
      transferredBytes: entries.reduce((s, e) => s + (e.transferSize ?? 0), 0),
      bodyBytes: entries.reduce((s, e) => s + (e.decodedBodySize ?? 0), 0),
    };
  });
}

const cold = [];
const warm = [];
try {
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext({ viewport: { width: 1400, height: 820 } });
    const page = await context.newPage();
    cold.push(await load(page));
    warm.push(await load(page)); // same context: the bundle from the HTTP cache
    await context.close();
  }
} finally {
  await browser.close();
  web.stop();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const phases = Object.keys(cold[0].phases);
const row = (name, runs) => `| ${name} | ${median(runs.map((r) => r.squiggleMs))} | ${phases.map((p) => median(runs.map((r) => r.phases[p]))).join(' | ')} | ${(median(runs.map((r) => r.transferredBytes)) / 1e6).toFixed(2)} |`;
console.log(`### Page load to first squiggle (${n} loads each, ${os.cpus().length} CPUs, \`hotlsp web\` printed its URL after ${readyMs} ms)`);
console.log();
console.log(`| load | first squiggle (ms, median) | ${phases.join(' | ')} | MB transferred |`);
console.log(`|---|---|${phases.map(() => '---').join('|')}|---|`);
console.log(row('cold (empty cache, new session)', cold));
console.log(row('warm HTTP cache (new session)', warm));
console.log();
console.log(`page body bytes (uncompressed, cold): ${(median(cold.map((r) => r.bodyBytes)) / 1e6).toFixed(2)} MB; ratio cold/warm: ${(median(cold.map((r) => r.squiggleMs)) / median(warm.map((r) => r.squiggleMs))).toFixed(2)}`);
fs.mkdirSync(path.join(repo, 'bench', 'results'), { recursive: true });
fs.writeFileSync(path.join(repo, 'bench', 'results', 'web-page-load.json'), JSON.stringify({ n, readyMs, cold, warm }, null, 1));
fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
