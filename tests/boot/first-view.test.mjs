// The first view (www/boot/first-view.js): what it asks for, at once and
// together, and when it draws: only a drawing ahead of this very text, by
// the lists module (here a stand-in that records its calls).
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFirstView, listsFiles, preloadableImage, FIRST_VIEW_CHARS } from '../../www/boot/first-view.js';
import { firstVisit } from '../../www/boot/first-visit.js';
import { contentHash } from '../../www/boot/hash.js';
import { pageAt } from './dom.mjs';

beforeEach(() => {
  delete globalThis.__papershelf; // one first view per page: each test is a new page
});

/** A stand-in for the lists module: records what it is asked to draw. */
const listsModule = () => {
  globalThis.__listsCalls = [];
  const code = `export default async () => {};
export const show_post = (...a) => (globalThis.__listsCalls.push(['post', ...a]), true);
export const show_list = (...a) => (globalThis.__listsCalls.push(['list', ...a]), true);
export const follow_anchor = () => true;`;
  return { js: `data:text/javascript,${encodeURIComponent(code)}`, wasm: 'lists_bg.wasm' };
};

/** A page at `url` whose fetch answers `answers[path]` ([status, body]), recording what was asked. */
const site = (url, answers) => {
  const win = pageAt(url);
  const asked = [];
  win.fetch = async (input) => {
    const path = new URL(input, 'https://example.org/site/').pathname.replace('/site/', '');
    asked.push(decodeURIComponent(path));
    const [status, body] = answers[decodeURIComponent(path)] ?? [404, 'not found'];
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
  };
  return { win, asked };
};

const TEXT = '# 논문 리뷰\n\n본문.\n';
const drawing = async (text = TEXT) => ({ version: 1, hash: await contentHash(text), post: {}, body: [], image: 'content/notes/a.png' });

test('a linked post asks for itself, its drawing and the lists module at once, and is drawn from the drawing', async () => {
  const lists = listsModule();
  const { win, asked } = site('https://example.org/site/#/post/notes/a', {
    'content/notes/a.md': [200, TEXT],
    'content/_papershelf/drawn/notes/a.json': [200, await drawing()],
  });
  const view = startFirstView({ lists, win });
  assert.deepEqual(asked.sort(), ['content/_papershelf/drawn/notes/a.json', 'content/notes/a.md', 'lists_bg.wasm'], 'all three before any answer');
  assert.equal(await view.shown, true);
  assert.equal(view.how, 'drawn ahead');
  assert.deepEqual(globalThis.__listsCalls.map((c) => c.slice(0, 3)), [['post', '#/post/notes/a', 'content/notes/a.md']]);
  assert.equal(win.performance.getEntriesByName('papershelf:first-view')[0].detail, 'drawn ahead');
  assert.ok(win.document.head.querySelector('link[rel="preload"][as="image"][href="content/notes/a.png"]'), 'its first image is asked for early');
  assert.equal(startFirstView({ lists, win }), view, 'once per page');
  win.close();
});

test('a drawing of other text, a post too long, or no SubtleCrypto: nothing is drawn, the app draws the post', async () => {
  const lists = listsModule();
  const cases = [
    ['other text', { 'content/notes/a.md': [200, `${TEXT}edited\n`], 'content/_papershelf/drawn/notes/a.json': [200, await drawing()] }, (w) => w],
    ['too long', { 'content/notes/a.md': [200, 'x'.repeat(FIRST_VIEW_CHARS + 1)], 'content/_papershelf/drawn/notes/a.json': [200, await drawing('x'.repeat(FIRST_VIEW_CHARS + 1))] }, (w) => w],
    ['no drawing', { 'content/notes/a.md': [200, TEXT] }, (w) => w],
  ];
  for (const [name, answers] of cases) {
    delete globalThis.__papershelf;
    const { win } = site('https://example.org/site/#/post/notes/a', answers);
    const view = startFirstView({ lists, win });
    assert.equal(await view.shown, false, name);
    assert.equal(win.document.querySelector('[data-first-view]'), null, name);
    win.close();
  }
  delete globalThis.__papershelf;
  const { win, asked } = site('https://example.org/site/#/post/notes/a', { 'content/notes/a.md': [200, TEXT] });
  Object.defineProperty(win, 'crypto', { value: {} });
  assert.equal(await startFirstView({ lists, win }).shown, false);
  assert.deepEqual(asked, ['content/notes/a.md'], 'the post only: the app takes it');
  assert.deepEqual(globalThis.__listsCalls, []);
  win.close();
});

test('a route without an extension falls back to the .mdx; the drawing is the same', async () => {
  const lists = listsModule();
  const { win } = site('https://example.org/site/#/post/docs/intro', {
    'content/docs/intro.mdx': [200, TEXT],
    'content/_papershelf/drawn/docs/intro.json': [200, await drawing()],
  });
  const view = startFirstView({ lists, win });
  assert.equal(await view.shown, true);
  assert.equal(globalThis.__listsCalls[0][2], 'content/docs/intro.mdx');
  win.close();
});

test('the home page is drawn from the front; another page asks for the index at once', async () => {
  const lists = listsModule();
  const front = { version: 1, total: 0, facets: [], posts: [] };
  const home = site('https://example.org/site/#/', { 'content/_papershelf/front.json': [200, front] });
  assert.equal(await startFirstView({ lists, win: home.win }).shown, true);
  assert.deepEqual(globalThis.__listsCalls, [['list', '#/', front]]);
  assert.ok(!home.asked.includes('content/index.json'), 'the index waits for the first screen');
  home.win.close();
  delete globalThis.__papershelf;
  const tags = site('https://example.org/site/#/tags', {});
  const view = startFirstView({ lists, win: tags.win });
  assert.equal(await view.shown, false);
  assert.deepEqual(tags.asked, ['content/index.json']);
  tags.win.close();
});

test('a post page becomes the root route of its post, in place, with its heading', () => {
  const win = pageAt('https://example.org/site/docs/papers/a/#1-kimi', '<base href="../../../"><meta name="papershelf-post" content="papers/a.mdx">');
  win.fetch = async () => new Response('', { status: 404 });
  const view = startFirstView({ lists: null, win });
  assert.equal(win.location.hash, '#/post/papers/a?id=1-kimi');
  assert.equal(view.route.post, 'papers/a.md');
  assert.equal(view.post.mdx, 'content/papers/a.mdx', 'the .mdx is asked for when the .md is not found');
  win.close();
});

test('where AbortSignal.timeout is missing, nothing is fetched early', async () => {
  const { win, asked } = site('https://example.org/site/#/post/a', {});
  win.AbortSignal = function AbortSignal() {};
  const view = startFirstView({ lists: listsModule(), win });
  assert.equal(view.post, null);
  assert.equal(await view.shown, false);
  assert.deepEqual(asked, []);
  win.close();
});

test('the lists module is named by the page, not by the inline script', () => {
  const win = pageAt('https://example.org/site/', '<meta name="papershelf-lists" content="./papershelf-lists-1.js" data-wasm="./papershelf-lists-1_bg.wasm">');
  assert.deepEqual(listsFiles(win.document), { js: './papershelf-lists-1.js', wasm: './papershelf-lists-1_bg.wasm' });
  win.close();
  const bare = pageAt();
  assert.equal(listsFiles(bare.document), null);
  bare.close();
});

test("a drawing's first image is preloaded only from content/", () => {
  assert.equal(preloadableImage('content/papers/img/a.png'), true);
  for (const image of ['https://evil.example/a.png', 'content/../secret.png', 'content/./a.png', '/content/a.png', null, 42]) {
    assert.equal(preloadableImage(image), false, String(image));
  }
});

const templates =
  '<template id="papershelf-first-visit"><link rel="modulepreload" href="./lists.js" data-first-visit></template>' +
  '<template id="papershelf-style-file"><link rel="stylesheet" href="./style.css"></template>';

test('a first visit gets the preloads; a page a worker controls does not', () => {
  const win = pageAt('https://example.org/site/', templates);
  firstVisit(win.document, { serviceWorker: { controller: null } });
  assert.equal(win.document.head.querySelectorAll('link[data-first-visit]').length, 1);
  win.close();
  const controlled = pageAt('https://example.org/site/', templates);
  firstVisit(controlled.document, { serviceWorker: { controller: {} } });
  assert.equal(controlled.document.head.querySelectorAll('link[data-first-visit]').length, 0);
  controlled.close();
});

test('the style sheet comes as a file only where the inline one has no sheet', () => {
  const refused = pageAt('https://example.org/site/', templates);
  firstVisit(refused.document, {});
  assert.equal(refused.document.head.querySelectorAll('link[rel="stylesheet"]').length, 1, 'no inline sheet: the file');
  refused.close();
  const applied = pageAt('https://example.org/site/', `<style id="papershelf-style">body{color:red}</style>${templates}`);
  assert.ok(applied.document.getElementById('papershelf-style').sheet, 'the inline sheet applies');
  firstVisit(applied.document, {});
  assert.equal(applied.document.head.querySelectorAll('link[rel="stylesheet"]').length, 0);
  applied.close();
});
