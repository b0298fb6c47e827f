// The start of a first view (www/boot/first-view.js) and what only a first
// visit does (www/boot/first-visit.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstView } from '../../www/boot/first-view.js';
import { firstVisit } from '../../www/boot/first-visit.js';
import { pageAt } from './dom.mjs';

const build = 'https://example.org/site/boot-1.js';

test('a link to a post names its files; a list page names none', () => {
  const win = pageAt('https://example.org/site/#/post/%EB%85%BC%EB%AC%B8/%EA%B8%80');
  win.caches = {};
  const view = firstView({ build, release: true, win });
  assert.equal(view.route.page, 'post');
  assert.deepEqual(view.files, { url: 'content/논문/글.md', mdx: 'content/논문/글.mdx', drawing: 'content/_papershelf/drawn/논문/글.json' });
  assert.equal(view.keepsDrawn, true);
  win.close();
  const list = pageAt('https://example.org/site/#/papers/');
  const papers = firstView({ build, release: true, win: list });
  assert.equal(papers.route.page, 'papers');
  assert.equal(papers.files, null);
  list.close();
});

test('nothing is kept in a debug build, nor for a post opened at a heading', () => {
  for (const [url, release] of [
    ['https://example.org/site/#/post/a', false],
    ['https://example.org/site/#/post/a?id=x', true],
  ]) {
    const win = pageAt(url);
    win.caches = {};
    assert.equal(firstView({ build, release, win }).keepsDrawn, false, url);
    win.close();
  }
});

test('a post page becomes the root route of its post, in place, with its heading', () => {
  const win = pageAt('https://example.org/site/docs/papers/a/#1-kimi', '<base href="../../../"><meta name="papershelf-post" content="papers/a.mdx">');
  const view = firstView({ build, release: true, win });
  assert.equal(win.location.hash, '#/post/papers/a?id=1-kimi');
  assert.equal(view.route.post, 'papers/a.md');
  assert.equal(view.route.anchor, '1-kimi');
  assert.equal(view.files.mdx, 'content/papers/a.mdx', 'the .mdx is asked for when the .md is not found');
  win.close();
});

test('where AbortSignal.timeout is missing, nothing is fetched early', () => {
  const win = pageAt('https://example.org/site/#/post/a');
  win.AbortSignal = function AbortSignal() {};
  const view = firstView({ build, release: true, win });
  assert.equal(view.fetchesEarly, false);
  assert.equal(view.files, null);
  win.close();
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
