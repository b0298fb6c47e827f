// `make bench`, search: papershelf's full-text search and Pagefind 1.6.0 side
// by side on one generated journal (tests/bench/journal.mjs: 4,000 posts of
// Korean prose with English terms), in the same run:
// - the index: build time, peak memory, bytes and files on disk;
// - recall on Korean nouns, each of which the text mostly carries with a
//   particle attached (모델은, 모델을, 강화학습에서);
// - bytes a cold first query transfers once the site is loaded, and what
//   typing an 11-letter word one letter at a time transfers;
// - time from a keystroke to the results painted, pieces cached and cold.
//
// Bytes are gzip -9 sizes of the files each request fetched (the test server
// does not compress; Pagefind's files are gzipped already and count as they
// are). Run alone with `node tests/bench/search.mjs` after `make dist`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve, launch, root, dist, siteWords } from '../e2e/harness.mjs';
import { writeJournal, NOUNS } from './journal.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const POSTS = 4000;
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const median = (xs) => percentile(xs, 50);

/** A post's text as a reader sees it (the generated posts use only these constructs). */
function plainText(md) {
  return md
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^import .*$/gm, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`#]/g, '')
    .replace(/^\s*\d+\.\s*/gm, '');
}

function dirSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      bytes += fs.statSync(path.join(e.parentPath ?? e.path, e.name)).size;
      files++;
    }
  }
  return { bytes, files };
}

const gzCache = new Map();
/** The gzip -9 size of a served file (Pagefind's gzipped files as they are). */
function gzipped(file) {
  if (!gzCache.has(file)) {
    const bytes = fs.readFileSync(file);
    const already = bytes[0] === 0x1f && bytes[1] === 0x8b;
    gzCache.set(file, already ? bytes.length : zlib.gzipSync(bytes, { level: 9 }).length);
  }
  return gzCache.get(file);
}

/**
 * Runs the search benchmark; reports with `row(what, value, note)` and
 * `budget(what, ok, detail)`.
 */
export async function benchSearch({ browser, row, budget, runs = 5 }) {
  const work = path.join(root, 'target', 'bench', 'search');
  fs.rmSync(work, { recursive: true, force: true });
  const content = path.join(work, 'content');
  const written = writeJournal(content, POSTS);
  const texts = written.map((rel) => plainText(fs.readFileSync(path.join(content, rel), 'utf8')).normalize('NFC'));
  const textBytes = texts.reduce((a, t) => a + Buffer.byteLength(t), 0);
  const entries = written.reduce((a, rel) => a + (fs.readFileSync(path.join(content, rel), 'utf8').match(/^## /gm) ?? []).length, 0);
  row(`generated journal: ${POSTS} posts, ${entries} paper entries`, `${(textBytes / 2 ** 20).toFixed(1)} MB of text`, 'tests/bench/journal.mjs, seed 7');

  // 1. Building the indexes.
  const bin = path.join(root, 'target', 'release', 'papershelf');
  const timed = spawnSync('/usr/bin/time', ['-f', '%e %M', bin, 'index', content], { encoding: 'utf8' });
  if (timed.status !== 0) throw new Error(`papershelf index failed: ${timed.stderr}`);
  const [secs, rssKb] = timed.stderr.trim().split('\n').pop().split(' ').map(Number);
  const ours = dirSize(path.join(content, '_papershelf', 'search'));
  const pagefindDir = path.join(work, 'pagefind');
  const t0 = performance.now();
  const pagefind = await import('pagefind');
  const { index } = await pagefind.createIndex({});
  for (let i = 0; i < texts.length; i++) {
    await index.addCustomRecord({ url: `/${written[i]}`, content: texts[i], language: 'ko', meta: { title: written[i] } });
  }
  await index.writeFiles({ outputPath: pagefindDir });
  await pagefind.close();
  const pfSecs = (performance.now() - t0) / 1000;
  const theirs = dirSize(pagefindDir);
  row('search index build (papershelf / Pagefind)', `${secs.toFixed(1)} s / ${pfSecs.toFixed(1)} s`, `papershelf index (the whole index.json too), peak memory ${(rssKb / 1024).toFixed(0)} MB; Pagefind through its Node API`);
  row('search index on disk (papershelf / Pagefind)', `${(ours.bytes / 2 ** 20).toFixed(1)} MB in ${ours.files} files / ${(theirs.bytes / 2 ** 20).toFixed(1)} MB in ${theirs.files} files`);
  budget('search index ≤ 8 MB and 500 files', ours.bytes <= 8 * 2 ** 20 && ours.files <= 500, `${(ours.bytes / 2 ** 20).toFixed(1)} MB, ${ours.files} files`);
  budget('search index built in ≤ 10 s with < 500 MB', secs <= 10 && rssKb < 500 * 1024, `${secs.toFixed(1)} s, ${(rssKb / 1024).toFixed(0)} MB`);
  // Who cites whom (the journal's every fourth post links back): its step's
  // time against the rest of the same run, which is `papershelf index`
  // without it; median of 3 runs.
  const steps = [];
  for (let i = 0; i < 3; i++) {
    const run = spawnSync(bin, ['index', content, '--timings'], { encoding: 'utf8' });
    const m = /cited-by (\d+) ms.*total (\d+) ms/.exec(run.stderr);
    if (run.status !== 0 || !m) throw new Error(`papershelf index --timings failed: ${run.stderr}`);
    steps.push({ cited: Number(m[1]), total: Number(m[2]) });
  }
  steps.sort((a, b) => a.cited / (a.total - a.cited) - b.cited / (b.total - b.cited));
  const mid = steps[1];
  const share = mid.cited / (mid.total - mid.cited);
  const citedFiles = fs.readdirSync(path.join(content, '_papershelf', 'cited'), { recursive: true }).filter((f) => f.endsWith('.json')).length;
  row('papershelf index with cited-by: its step / the rest', `${mid.cited} ms / ${mid.total - mid.cited} ms (+${(share * 100).toFixed(1)} %)`, `${citedFiles} posts cited; median of 3 runs of \`papershelf index --timings\``);
  budget('papershelf index with cited-by ≤ 10 % slower than without', share <= 0.1, `+${(share * 100).toFixed(1)} %`);
  // Preview images for every post and paper of the journal, as `make dist
  // SITE_URL=…` draws them: cold (an empty cache), then again with nothing changed.
  fs.copyFileSync(path.join(dist, 'papershelf-build.json'), path.join(work, 'papershelf-build.json'));
  const cache = path.join(work, 'previews-cache');
  const publish = () => {
    const t = performance.now();
    const run = spawnSync(bin, ['publish', work, '--site-url', 'https://example.org/reviews/', '--cache', cache], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`papershelf publish failed: ${run.stderr}`);
    return (performance.now() - t) / 1000;
  };
  const cold = publish();
  const drawn = fs.readdirSync(cache).length;
  const warm = publish();
  const pngs = fs.readdirSync(cache).map((f) => fs.statSync(path.join(cache, f)).size);
  row('papershelf publish with preview images, 4,000 posts (and their papers\' pages): cold / nothing changed', `${cold.toFixed(1)} s / ${warm.toFixed(1)} s`, `${drawn} images drawn (one per post; a paper page shows its newest review's): ${((cold * 1000) / drawn).toFixed(0)} ms each with the rest of publish; largest ${kb(Math.max(...pngs))}; the whole publish (pages, feeds, sitemap) each time`);
  budget('preview images for 4,000 posts ≤ 2 min cold', cold <= 120, `${cold.toFixed(1)} s`);
  budget('publish when nothing changed ≤ 30 s (no image drawn again)', warm <= 30 && fs.readdirSync(cache).length === drawn, `${warm.toFixed(1)} s`);
  budget('each preview image ≤ 300 KB', Math.max(...pngs) <= 300 * 1024, kb(Math.max(...pngs)));

  // 2. Recall on Korean nouns: every post whose text holds the noun, with
  // or without a particle, should be found.
  const nouns = [...NOUNS.slice(0, 12), '강화학습', '시각적', '세계모델', '합성데이터'];
  const uniqueNouns = [...new Set(nouns)];
  let ourFound = 0;
  let truthTotal = 0;
  const ourRecall = [];
  for (const noun of uniqueNouns) {
    const truth = new Set(written.filter((_, i) => texts[i].includes(noun)));
    const out = JSON.parse(spawnSync(bin, ['search', content, noun, '--json'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
    const found = out.posts.filter((p) => truth.has(p.path)).length;
    ourFound += found;
    truthTotal += truth.size;
    ourRecall.push([noun, found, truth.size]);
  }

  // Requests are counted where they arrive (Pagefind fetches from a worker,
  // which the page's resource timing does not list).
  const site = await serve(dist, { contentDir: content, requests: [] });
  const pfSite = await serve(work, { requests: [] });
  try {
    // Pagefind in the browser, as its own UI runs it.
    const pfPage = await browser.newPage();
    await pfPage.goto(`${pfSite.base}pagefind/pagefind-entry.json`);
    await pfPage.evaluate(async () => {
      window.pf = await import('/pagefind/pagefind.js');
      await window.pf.options({ basePath: '/pagefind/' });
      await window.pf.init();
    });
    let pfFound = 0;
    const pfRecall = [];
    for (const noun of uniqueNouns) {
      const truth = written.filter((_, i) => texts[i].includes(noun)).length;
      // Pagefind matches whole words: what it finds holds the noun; its count is its recall.
      const n = await pfPage.evaluate(async (q) => (await window.pf.search(q)).results.length, noun);
      pfFound += Math.min(n, truth);
      pfRecall.push([noun, n, truth]);
    }
    await pfPage.close();
    const ourRate = ourFound / truthTotal;
    const pfRate = pfFound / truthTotal;
    row(`recall on ${uniqueNouns.length} Korean nouns (papershelf / Pagefind)`, `${(ourRate * 100).toFixed(1)} % / ${(pfRate * 100).toFixed(1)} %`, `posts found of those whose text holds the noun; e.g. 모델 ${ourRecall[0][1]}/${ourRecall[0][2]} vs ${pfRecall[0][1]}/${pfRecall[0][2]}, 강화학습 ${ourRecall.find((r) => r[0] === '강화학습').slice(1).join('/')} vs ${pfRecall.find((r) => r[0] === '강화학습').slice(1).join('/')}`);

    // 3. Bytes of a cold first query, and of typing.
    const queries = ['모델', '강화학습', 'grpo', '시각적 사고', 'lora'];
    const ourFirst = [];
    const ourIndexOnly = [];
    for (const q of queries) {
      const { total, index: indexBytes } = await ourColdQuery(browser, site, content, q);
      ourFirst.push(total);
      ourIndexOnly.push(indexBytes);
    }
    const pfFirst = [];
    for (const q of queries) pfFirst.push(await pagefindColdQuery(browser, pfSite, work, q));
    row('first query, cold, app loaded: engine + index + text of the results shown (papershelf / Pagefind)', `${kb(Math.max(...ourFirst))} / ${kb(Math.max(...pfFirst))}`, `largest of ${queries.join(', ')}; papershelf's engine + index alone: ${kb(Math.max(...ourIndexOnly))}; Pagefind with the fragments of its first 10 results; papershelf fetches the text of the results on screen`);
    budget('first query ≤ 100 KB gzipped in total', Math.max(...ourFirst) <= 100 * 1024, `${kb(Math.max(...ourFirst))} (engine + index alone ${kb(Math.max(...ourIndexOnly))})`);
    const typing = await ourTyping(browser, site, content, 'transformer');
    row('typing "transformer" a letter at a time (papershelf)', `${kb(typing.total)} in all, at most ${kb(typing.maxAfterFirst)} a keystroke after the first`, `engine + index + the text of the posts shown; engine + index alone: ${kb(typing.index)} in all, at most ${kb(typing.indexMaxAfterFirst)} a keystroke`);
    budget('each further keystroke ≤ 30 KB', typing.maxAfterFirst <= 30 * 1024, `${kb(typing.maxAfterFirst)} (engine + index alone ${kb(typing.indexMaxAfterFirst)})`);
    budget('an 11-letter word typed ≤ 150 KB in all', typing.total <= 150 * 1024, `${kb(typing.total)} (engine + index alone ${kb(typing.index)})`);

    // 4. Keystroke to results painted.
    const speed = await ourSpeed(browser, site, runs);
    row('keystroke → results painted, pieces cached (p50 / p95)', `${speed.warm50.toFixed(1)} / ${speed.warm95.toFixed(1)} ms`, `${speed.samples} keystrokes`);
    row('last piece arrived → results painted, cold (p50 / p95)', `${speed.cold50.toFixed(1)} / ${speed.cold95.toFixed(1)} ms`);
    budget('results painted ≤ 50 ms after a keystroke (cached, p95)', speed.warm95 <= 50, `${speed.warm95.toFixed(1)} ms`);
    budget('results painted ≤ 150 ms after the bytes arrive (cold, p95)', speed.cold95 <= 150, `${speed.cold95.toFixed(1)} ms`);
  } finally {
    await site.close();
    await pfSite.close();
  }
}

/** The local file a request to our site fetched (by its path). */
function fileOf(pathname, content) {
  const p = decodeURIComponent(pathname).slice(1);
  return p.startsWith('content/') ? path.join(content, p.slice('content/'.length)) : path.join(dist, p);
}

/** gzip sizes of what was requested from `site` since `from`: all, and without the posts' text. */
function bytesSince(site, from, content) {
  let total = 0;
  let index = 0;
  for (const r of site.requests.slice(from)) {
    const file = fileOf(r, content);
    if (!fs.existsSync(file)) continue;
    const size = gzipped(file);
    total += size;
    if (!r.startsWith('/content/papers/')) index += size;
  }
  return { total, index };
}

/** Waits for the results of `q`, and for the snippets of those shown. */
async function settled(page, q) {
  await page.locator(`[data-search-results][data-count][data-query="${q.replaceAll('"', '\\"')}"]`).waitFor({ state: 'attached' });
  await page.waitForLoadState('networkidle');
}

async function ourColdQuery(browser, site, content, q) {
  const context = await browser.newContext({ serviceWorkers: 'block' }); // the search engine's own downloads, not the worker's install
  const page = await context.newPage();
  await page.goto(site.base);
  await page.locator('.post-item').first().waitFor();
  await page.waitForLoadState('networkidle');
  const before = site.requests.length;
  await page.getByRole('searchbox', { name: siteWords().get('search.label') }).fill(q);
  await settled(page, q);
  await context.close();
  return bytesSince(site, before, content);
}

async function ourTyping(browser, site, content, word) {
  const context = await browser.newContext({ serviceWorkers: 'block' }); // the search engine's own downloads, not the worker's install
  const page = await context.newPage();
  await page.goto(site.base);
  await page.locator('.post-item').first().waitFor();
  await page.waitForLoadState('networkidle');
  const box = page.getByRole('searchbox', { name: siteWords().get('search.label') });
  const sizes = [];
  const indexSizes = [];
  for (let i = 1; i <= word.length; i++) {
    const before = site.requests.length;
    await box.fill(word.slice(0, i));
    await settled(page, word.slice(0, i));
    const { total, index } = bytesSince(site, before, content);
    sizes.push(total);
    indexSizes.push(index);
  }
  await context.close();
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  return {
    total: sum(sizes),
    max: Math.max(...sizes),
    maxAfterFirst: Math.max(...sizes.slice(1)),
    index: sum(indexSizes),
    indexMaxAfterFirst: Math.max(...indexSizes.slice(1)),
  };
}

async function pagefindColdQuery(browser, pfSite, work, q) {
  const context = await browser.newContext({ serviceWorkers: 'block' }); // the search engine's own downloads, not the worker's install
  const page = await context.newPage();
  await page.goto(`${pfSite.base}pagefind/pagefind-entry.json`);
  const before = pfSite.requests.length;
  await page.evaluate(async (q) => {
    const pf = await import('/pagefind/pagefind.js');
    await pf.options({ basePath: '/pagefind/' });
    const search = await pf.search(q);
    await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  }, q);
  await context.close();
  return pfSite.requests
    .slice(before)
    .map((r) => path.join(work, decodeURIComponent(r).slice(1)))
    .filter((f) => fs.existsSync(f))
    .reduce((a, f) => a + gzipped(f), 0);
}

/** Keystroke → results painted (a MutationObserver in the page notes `data-count`, then a frame). */
async function ourSpeed(browser, site, runs) {
  const words = ['모델', '강화학습', '데이터', 'grpo', 'lora', 'transfo', '추론', '벤치마크', '"언어 모델"', '시각적 사고'];
  const warm = [];
  const cold = [];
  for (let r = 0; r < runs; r++) {
    const context = await browser.newContext({ serviceWorkers: 'block' }); // the search engine's own downloads, not the worker's install
    const page = await context.newPage();
    await page.goto(site.base);
    await page.locator('.post-item').first().waitFor();
    await page.getByRole('searchbox', { name: siteWords().get('search.label') }).focus();
    for (const pass of ['cold', 'warm']) {
      for (const w of words) {
        const ms = await page.evaluate(async ({ w, pass }) => {
          const input = document.querySelector('.site-search input');
          const done = new Promise((resolve) => {
            const seen = () => document.querySelector(`[data-search-results][data-count][data-query='${w}']`);
            const obs = new MutationObserver(() => {
              if (seen()) {
                obs.disconnect();
                requestAnimationFrame(() => resolve(performance.now()));
              }
            });
            obs.observe(document, { subtree: true, attributes: true, childList: true });
          });
          const t0 = performance.now();
          input.value = w;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          const painted = await done;
          if (pass === 'warm') return painted - t0;
          const pieces = performance.getEntriesByType('resource').filter((e) => /\/search\/.*\.bin$/.test(e.name) && e.startTime >= t0);
          if (!pieces.length) return null;
          return painted - Math.max(...pieces.map((e) => e.responseEnd));
        }, { w, pass });
        if (ms !== null) (pass === 'warm' ? warm : cold).push(ms);
      }
    }
    await context.close();
  }
  return {
    samples: warm.length,
    warm50: median(warm),
    warm95: percentile(warm, 95),
    cold50: median(cold),
    cold95: percentile(cold, 95),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const browser = await launch();
  try {
    await benchSearch({
      browser,
      row: (what, value, note = '') => console.log(`${what.padEnd(70)} ${value}${note ? `  (${note})` : ''}`),
      budget: (what, ok, detail) => console.log(`  ${ok ? '✓' : '✗'} ${what}: ${detail}`),
      runs: Number(process.env.BENCH_RUNS ?? 3),
    });
  } finally {
    await browser.close();
  }
}
