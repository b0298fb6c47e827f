// Shared by the end-to-end tests: a static server for dist/ and a headless
// Chromium that fails the test on any page error or panic.
import { spawn } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wordsOf } from '../../www/boot/words.js';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');
export const shots = path.join(root, 'target', 'screenshots');
fs.mkdirSync(shots, { recursive: true });

const types = { '.webmanifest': 'application/manifest+json', '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json', '.md': 'text/markdown; charset=utf-8', '.mdx': 'text/markdown; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml' };

/**
 * Serves `dir` on 127.0.0.1 (a free port). Options:
 * - prefix: serve under a sub-path such as `/repo/`
 * - requests: an array every requested URL path is pushed to
 * - contentDir: serve `content/` from this directory instead
 * - cors: send Access-Control-Allow-Origin: * with every response
 * - fallback: answer a missing file with index.html and this status (200 or 404),
 *   as some static hosts do
 * - headers: more headers for every response (e.g. a Content-Security-Policy)
 * - gzip: compress text, scripts and wasm for a client that accepts it, as
 *   static hosts do (level 6, cached per file)
 * - port: this port rather than a free one (a server started again where a
 *   page's service worker expects it)
 */
export async function serve(dir = dist, { prefix = '/', requests = [], contentDir = null, cors = false, fallback = null, headers = {}, contentTypes = {}, gzip = false, port = 0 } = {}) {
  const gzipped = new Map();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push(url.pathname);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (cors) res.setHeader('access-control-allow-origin', '*');
    const missing = () => {
      if (fallback) {
        res.writeHead(fallback, { 'content-type': 'text/html; charset=utf-8' });
        fs.createReadStream(path.join(dir, 'index.html')).pipe(res);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
    };
    if (!url.pathname.startsWith(prefix)) { missing(); return; }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const from = contentDir && rel.startsWith('content/') ? contentDir : dir;
    if (from === contentDir) rel = rel.slice('content/'.length);
    const file = path.resolve(from, rel);
    if (!file.startsWith(from) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { missing(); return; }
    const type = contentTypes[path.extname(file)] ?? types[path.extname(file)] ?? 'application/octet-stream';
    if (gzip && /gzip/.test(req.headers['accept-encoding'] ?? '') && /text|javascript|json|wasm|markdown|css|svg/.test(type)) {
      if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(fs.readFileSync(file), { level: 6 }));
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip', vary: 'accept-encoding' });
      res.end(gzipped.get(file));
      return;
    }
    res.writeHead(200, { 'content-type': type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${server.address().port}${prefix}`;
  // Close open keep-alive connections too: a page left open must not hold the server.
  const close = () =>
    new Promise((ok) => {
      server.close(ok);
      server.closeAllConnections();
    });
  return { base, requests, close };
}

/**
 * Waits until the app has taken over from the first view (a post, the home
 * page or the papers page), when there is one: before that the
 * page is plain links, without the app's keyboard shortcuts.
 */
export async function appShown(page) {
  // The app's own root, in sight (not a first view, nor the app still waiting
  // behind one): a first view that has not appeared yet is not "gone".
  await page.locator('.papershelf:not([data-first-view]):not([data-waiting])').first().waitFor({ state: 'attached' });
  await page.locator('[data-first-view]').waitFor({ state: 'detached' });
}

/** Headless Chromium as the machine provides it. */
export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A new page that records uncaught errors and Rust panics; call `assertClean()`
 * at the end of a test. Service workers are blocked unless `serviceWorkers`
 * is 'allow' (tests/e2e/offline.test.mjs): a worker answering from its cache
 * would hide requests from the tests that count or break them (page.route).
 */
export async function newPage(browser, { width = 1280, height = 900, colorScheme = 'light', serviceWorkers = 'block' } = {}) {
  const page = await browser.newPage({ viewport: { width, height }, colorScheme, serviceWorkers });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /panicked|RuntimeError|unreachable/.test(m.text())) errors.push(`panic: ${m.text()}`);
  });
  page.assertClean = () => {
    if (errors.length) throw new Error(errors.join('\n'));
  };
  return page;
}

/**
 * Waits until `fn(arg)`, evaluated in the page, is truthy, polling every
 * 100 ms; `fn` may be async. (Playwright's `waitForFunction` takes the
 * Promise an async predicate returns as truthy and never awaits it, so a
 * wait on Cache Storage written that way returns at once: use this.)
 */
export async function waitUntil(page, fn, arg, { timeout = 30_000 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    let value;
    try {
      value = await page.evaluate(fn, arg);
    } catch (e) {
      // The page is navigating: ask again, until the time is up.
      if (Date.now() > end) throw e;
    }
    if (value) return value;
    if (Date.now() > end) throw new Error(`waitUntil: not true after ${timeout} ms: ${fn.toString().slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How the boot script drew the page's first view ('kept', 'drawn ahead', 'reader', 'list'):
 * the detail of its papershelf:first-view mark, once it is set. */
export async function firstViewDrawnBy(page) {
  await page.waitForFunction(() => performance.getEntriesByName('papershelf:first-view').length > 0);
  return page.evaluate(() => performance.getEntriesByName('papershelf:first-view')[0].detail);
}

/** Every post on disk under content/, as {path, date} from the file name, newest first. */
export function postsOnDisk() {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.mdx?$/.test(e.name)) out.push(path.relative(path.join(root, 'content'), p));
    }
  };
  walk(path.join(root, 'content'));
  return out
    .map((p) => {
      const m = path.basename(p).match(/^(\d{4})(\d{2})(\d{2})/);
      return { path: p, date: m ? `${m[1]}-${m[2]}-${m[3]}` : '' };
    })
    .sort((a, b) => (b.date + b.path).localeCompare(a.date + a.path));
}

/** The site's name, as content/papershelf.toml gives it (the window titles end in it). */
export const siteTitle = () => distIndex().site.title;

/**
 * The site's messages, as the release build in `dir` serves them
 * (content/_papershelf/messages.json: the sample site's are Korean), read
 * with the page's own rules (www/boot/words.js): `say(key, args)`,
 * `count(key, n, args)`, `date(iso, withWeekday)`, `month(yyyyMm)`, `get(key)`.
 * Tests name the app's words by key, so they hold in any language.
 */
export function siteWords(dir = dist) {
  return wordsOf(JSON.parse(fs.readFileSync(path.join(dir, 'content', '_papershelf', 'messages.json'), 'utf8')));
}

/** The index the release build serves. */
export function distIndex() {
  return JSON.parse(fs.readFileSync(path.join(dist, 'content', 'index.json'), 'utf8'));
}

/**
 * An independent oracle for the filter: how many posts and papers match
 * `tags` under `mode` ('all' or 'any'). Post: own tags and its entries' tags;
 * paper: its entries' tags and their posts' tags. A paper is one whatever
 * link to it a review gives: its arXiv id (abstract, PDF, Hugging Face page),
 * else its link without `www.` or a trailing `/`, else its title in lower case.
 */
export function expectedCounts(index, tags, mode = 'all') {
  const lower = (xs) => xs.map((t) => t.toLowerCase());
  const ok = (has) => (mode === 'all' ? tags.every((t) => has.has(t)) : tags.some((t) => has.has(t)));
  let posts = 0;
  const papers = new Map();
  for (const p of index.posts) {
    const postTags = new Set(lower([...p.tags, ...p.entries.flatMap((e) => e.tags)]));
    if (ok(postTags)) posts++;
    p.entries.forEach((e) => {
      const arxiv = e.url?.match(/(?:arxiv\.org\/(?:abs|pdf|html)|huggingface\.co\/papers|alphaxiv\.org\/abs)\/(\d{4}\.\d{4,5})/);
      const key = arxiv ? arxiv[1] : e.url ? e.url.toLowerCase().replace('://www.', '://').replace(/\/$/, '') : e.title.toLowerCase();
      const set = papers.get(key) ?? new Set();
      lower([...e.tags, ...p.tags]).forEach((t) => set.add(t));
      papers.set(key, set);
    });
  }
  return { posts, papers: [...papers.values()].filter(ok).length };
}

/** Writes an index of `posts` posts with `entries` entries in all to `dir`/index.json. */
export function writeLargeIndex(dir, posts = 4000, entries = 25000) {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const orgs = Array.from({ length: 60 }, (_, i) => `org${i}`);
  const topics = ['agents', 'vision', 'rl', 'reasoning', 'speech', 'robotics', 'safety', 'data', 'efficiency', '멀티모달'];
  const out = [];
  let made = 0;
  for (let i = 0; i < posts; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + i * 86400000);
    const ymd = day.toISOString().slice(0, 10);
    const n = Math.round((entries - made) / (posts - i));
    made += n;
    const postTags = rnd() < 0.2 ? [topics[Math.floor(rnd() * topics.length)]] : [];
    out.push({
      path: `papers/y${ymd.slice(0, 4)}/m${ymd.slice(5, 7)}/${ymd.replaceAll('-', '')}.md`,
      title: `${ymd} papers review`,
      date: ymd,
      tags: postTags,
      description: '',
      entries: Array.from({ length: n }, (_, j) => ({
        number: j,
        title: `Paper ${i}-${j} on ${topics[(i + j) % topics.length]} 연구`,
        url: `https://example.org/${i}/${j}`,
        tags: [orgs[Math.floor(rnd() * orgs.length)], ...(rnd() < 0.3 ? [topics[Math.floor(rnd() * topics.length)]] : [])],
        anchor: `${j}-paper-${i}-${j}`,
      })),
    });
  }
  out.reverse();
  fs.mkdirSync(dir, { recursive: true });
  // One post per line, as `papershelf index` writes it.
  fs.writeFileSync(path.join(dir, 'index.json'), `{"version":1,"posts":[\n${out.map((p) => JSON.stringify(p)).join(',\n')}\n]}\n`);
  return out;
}

/** A copy of dist/ in a temporary directory, to break on purpose. */
export function copyDist() {
  const dir = fs.mkdtempSync(path.join(fs.realpathSync(process.env.TMPDIR ?? '/tmp'), 'papershelf-dist-'));
  fs.cpSync(dist, dir, { recursive: true });
  return dir;
}

/**
 * Starts `cmd args` so that it cannot outlive this test file, however the file
 * ends: passed, failed, cancelled by the runner's timeout, or killed. A small
 * shell runs it in a process group of its own and ends the whole group (the
 * command and everything it started, such as cargo under trunk) once this
 * process is gone; `stop()` ends it at once. Returns the shell's child process
 * (its stdout and stderr are the command's) and `stop`.
 */
export function spawnOwned(cmd, args, options = {}) {
  const watchdog =
    'watch=$1; shift; "$@" & child=$!; ' +
    'while kill -0 "$watch" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1; done; ' +
    'kill -TERM -$$ 2>/dev/null; wait';
  const child = spawn('sh', ['-c', watchdog, 'sh', String(process.pid), cmd, ...args], { ...options, detached: true });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
  };
  process.on('exit', stop);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    process.once(signal, () => {
      stop();
      process.exit(1);
    });
  }
  return { child, stop };
}
