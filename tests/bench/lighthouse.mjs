// `make bench`, on a phone: Lighthouse 12.2.3's default mobile profile
// (simulated slow 4G, 4x CPU slowdown) on the release build served with gzip
// as a static host serves it, side by side with docsify 4 on the same post,
// interleaved, median of the runs. The machine's Lighthouse benchmark index
// is reported with them, since this machine is noisy.
//
// Run alone with `node tests/bench/lighthouse.mjs` after `make dist`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import { serve, root, dist } from '../e2e/harness.mjs';
import { writeJournal } from './journal.mjs';

const POST = 'papers/y2025/nov/20251106';
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A docsify 4 site holding the same post. */
function docsifySite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-lh-docsify-'));
  fs.cpSync(path.join(root, 'node_modules/docsify/lib'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, path.dirname(POST)), { recursive: true });
  fs.copyFileSync(path.join(root, 'content', `${POST}.md`), path.join(dir, `${POST}.md`));
  fs.writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>docsify</title><link rel="stylesheet" href="themes/vue.css"></head>
<body><div id="app"></div><script>window.$docsify = { name: 'docsify', loadSidebar: false };</script><script src="docsify.min.js"></script></body></html>`,
  );
  return dir;
}

/** One Lighthouse run: the figures this file reports. */
async function audit(url, port) {
  const { lhr } = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
  const n = (id) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    perf: Math.round((lhr.categories.performance.score ?? 0) * 100),
    a11y: Math.round((lhr.categories.accessibility.score ?? 0) * 100),
    lcp: n('largest-contentful-paint'),
    tbt: n('total-blocking-time'),
    cls: n('cumulative-layout-shift'),
    bytes: n('total-byte-weight'),
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN,
  };
}

/**
 * Runs Lighthouse on papershelf's post, home and papers pages, docsify's
 * post, and papershelf's home on a 4,000-post index; reports with `row`
 * and `budget`.
 */
export async function benchLighthouse({ row, budget, runs = 3 }) {
  const ours = await serve(dist, { gzip: true });
  const docsifyDir = docsifySite();
  const theirs = await serve(docsifyDir, { gzip: true });
  const bigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'papershelf-lh-big-'));
  // The generated journal, indexed by the CLI as a site's would be
  // (index.json, _papershelf/front.json).
  writeJournal(bigDir, 4000);
  const indexed = spawnSync(path.join(root, 'target', 'release', 'papershelf'), ['index', bigDir], { encoding: 'utf8' });
  if (indexed.status !== 0) throw new Error(`papershelf index failed: ${indexed.stderr}`);
  const big = await serve(dist, { gzip: true, contentDir: bigDir });
  const chrome = await chromeLauncher.launch({
    chromePath: '/usr/bin/chromium',
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const pages = {
    'papershelf post': `${ours.base}#/post/${POST}`,
    // The post's page, as `papershelf publish` writes it (make dist).
    'papershelf post page': `${ours.base}docs/${POST}/`,
    'docsify post': `${theirs.base}#/${POST}`,
    'papershelf home': `${ours.base}#/`,
    'papershelf papers': `${ours.base}#/papers`,
    'papershelf home, 4,000 posts': `${big.base}#/`,
  };
  const results = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
  try {
    // Interleaved: a noisy minute hurts every page alike.
    for (let r = 0; r < runs; r++) {
      for (const [name, url] of Object.entries(pages)) results[name].push(await audit(url, chrome.port));
    }
  } finally {
    await chrome.kill();
    await ours.close();
    await theirs.close();
    await big.close();
    fs.rmSync(docsifyDir, { recursive: true, force: true });
    fs.rmSync(bigDir, { recursive: true, force: true });
  }
  const m = (name, key) => median(results[name].map((x) => x[key]));
  const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
  for (const name of Object.keys(pages)) {
    row(
      `Lighthouse mobile, ${name}: performance / LCP / TBT / CLS / bytes / accessibility`,
      `${m(name, 'perf')} / ${s(m(name, 'lcp'))} / ${m(name, 'tbt').toFixed(0)} ms / ${m(name, 'cls').toFixed(3)} / ${(m(name, 'bytes') / 1024).toFixed(0)} KiB / ${m(name, 'a11y')}`,
      `median of ${runs}, interleaved; benchmark index ${m(name, 'benchmarkIndex').toFixed(0)}`,
    );
  }
  for (const post of ['papershelf post', 'papershelf post page']) {
    const what = post === 'papershelf post' ? 'post' : 'post page';
    budget(`${what} LCP ≤ docsify and ≤ 2.5 s (Lighthouse mobile)`, m(post, 'lcp') <= Math.min(2500, m('docsify post', 'lcp')), `${s(m(post, 'lcp'))} vs docsify ${s(m('docsify post', 'lcp'))}`);
    budget(`${what} TBT ≤ 200 ms`, m(post, 'tbt') <= 200, `${m(post, 'tbt').toFixed(0)} ms`);
    budget(`${what} CLS ≤ 0.05`, m(post, 'cls') <= 0.05, m(post, 'cls').toFixed(3));
  }
  budget('home LCP ≤ 2.5 s (sample site)', m('papershelf home', 'lcp') <= 2500, s(m('papershelf home', 'lcp')));
  budget('home LCP ≤ 3 s (4,000 posts)', m('papershelf home, 4,000 posts', 'lcp') <= 3000, s(m('papershelf home, 4,000 posts', 'lcp')));
  for (const name of ['papershelf home', 'papershelf post', 'papershelf post page', 'papershelf papers']) {
    budget(`${name}: performance ≥ 90`, m(name, 'perf') >= 90, String(m(name, 'perf')));
    budget(`${name}: accessibility 100`, m(name, 'a11y') >= 100, String(m(name, 'a11y')));
  }
}

/**
 * What the deferred start costs, which Lighthouse does not see (the app
 * starts after its window): on a post's first view, under the same 4x CPU
 * slowdown, a tap starts the app; reported are the time from the tap to the
 * app's page, and its longest task. Chromium through Playwright, no network
 * throttling (the app's bytes are fetched before the tap).
 */
export async function benchTakeover({ row, runs = 3 }) {
  const ours = await serve(dist, { gzip: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const results = [];
  try {
    for (let r = 0; r < runs; r++) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await page.addInitScript(() => {
        window.__tasks = [];
        new PerformanceObserver((list) => window.__tasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({ type: 'longtask', buffered: true });
      });
      // The app's bytes are in once the page has fetched its glue.
      const fetched = page.waitForResponse(/papershelf-app-[0-9a-f]+_bg\.wasm$/);
      await page.goto(`${ours.base}#/post/${POST}`);
      await page.locator('[data-first-view] .post-body h2').first().waitFor();
      await (await fetched).finished();
      const tapped = await page.evaluate(() => performance.now());
      await page.locator('[data-first-view] h1.post-title').tap();
      await page.locator('[data-first-view]').waitFor({ state: 'detached' });
      results.push(await page.evaluate((t) => ({
        start: performance.getEntriesByName('papershelf:post:rendered')[0].startTime - t,
        longest: Math.max(0, ...window.__tasks.filter(([s]) => s >= t).map(([, d]) => d)),
      }), tapped));
      await context.close();
    }
  } finally {
    await browser.close();
    await ours.close();
  }
  row(
    'post first view → app, started by a tap, 4x CPU: tap → app shown / longest task',
    `${median(results.map((x) => x.start)).toFixed(0)} ms / ${median(results.map((x) => x.longest)).toFixed(0)} ms`,
    `median of ${runs}; Chromium 4x CPU slowdown, no network throttling; Lighthouse's window ends before the app starts`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await benchTakeover({
    row: (what, value, note = '') => console.log(`${what.padEnd(80)} ${value}${note ? `  (${note})` : ''}`),
  });
  await benchLighthouse({
    row: (what, value, note = '') => console.log(`${what.padEnd(80)} ${value}${note ? `  (${note})` : ''}`),
    budget: (what, ok, detail) => console.log(`  ${ok ? '✓' : '✗'} ${what}: ${detail}`),
    runs: Number(process.env.BENCH_RUNS ?? 3),
  });
}
