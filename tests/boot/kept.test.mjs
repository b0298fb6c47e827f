// The drawings kept on the device (www/boot/kept.js): shown only as the
// reader drew them, capped, forgotten when asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keptDrawings, HOT_MAX } from '../../www/boot/kept.js';
import { pageAt } from './dom.mjs';

const URL_A = 'content/notes/a.md';
const drawing = (url, body = '<p>본문</p>', extra = '') =>
  ({ url, text: '# A\n', title: 'A · 리뷰', html: `<div data-first-view="${url.slice('content/'.length)}"${extra}><main>${body}</main></div>` });
const store = (win, build = 'https://example.org/site/boot-1.js') =>
  keptDrawings({ scope: '/site/', build, doc: win.document, storage: win.localStorage, cacheStorage: null });

test('a kept drawing is shown in place of the boot message, its styles set through CSSOM', () => {
  const win = pageAt();
  const kept = store(win);
  const shown = kept.show(drawing(URL_A, '<img src="content/a.png" data-kept-style="width: 500px">'), URL_A);
  assert.equal(shown, true);
  assert.equal(win.document.getElementById('boot'), null);
  assert.equal(win.document.title, 'A · 리뷰');
  const img = win.document.querySelector('[data-first-view] img');
  assert.equal(img.style.width, '500px');
  assert.equal(img.hasAttribute('data-kept-style'), false);
  win.close();
});

test('a drawing holding what the allow-list never emits, or of another post, is not shown', () => {
  for (const [body, extra, url] of [
    ['<script>alert(1)</script>', '', URL_A],
    ['<img src="x.png" onerror="alert(1)">', '', URL_A],
    ['<a href=" javascript:alert(1)">x</a>', '', URL_A],
    ['<svg><circle r="1"></circle></svg>', '', URL_A],
    ['<p>fine</p>', ' onclick="x()"', URL_A],
    ['<p>fine</p>', '', 'content/notes/b.md'],
  ]) {
    const win = pageAt();
    const kept = drawing(url, body, extra);
    assert.equal(store(win).show(kept, URL_A), false, body + extra + url);
    assert.ok(win.document.getElementById('boot'), 'the page is as it was');
    assert.equal(win.document.querySelector('[data-first-view]'), null);
    win.close();
  }
});

test('the hot drawings keep the newest few of this build; other builds go first', () => {
  const win = pageAt();
  const old = store(win, 'https://example.org/site/boot-0.js');
  old.keepHot('content/old.md', drawing('content/old.md'));
  const kept = store(win);
  for (let i = 0; i < HOT_MAX + 2; i++) kept.keepHot(`content/p${i}.md`, drawing(`content/p${i}.md`));
  const list = kept.hotList();
  assert.equal(list.length, HOT_MAX);
  assert.deepEqual(list.map((e) => e.url), Array.from({ length: HOT_MAX }, (_, i) => `content/p${i + 2}.md`));
  assert.ok(list.every((e) => e.build === 'https://example.org/site/boot-1.js'));
  // Only the listed drawings (and the list) are in storage.
  assert.equal(Object.keys(win.localStorage).filter((k) => k.startsWith('papershelf /site/ drawn')).length, HOT_MAX + 1);
  // Touched, a drawing is the newest.
  kept.touchHot('content/p2.md');
  assert.equal(kept.hotList().at(-1).url, 'content/p2.md');
  // Shown again from storage, as drawn from the .mdx the route fell back to.
  const mdx = drawing('content/q.mdx');
  kept.keepHot('content/q.md', mdx);
  assert.deepEqual(kept.showHot('content/q.md', 'content/q.mdx'), mdx);
  // Forgotten: one post, then all.
  kept.forget('q.mdx');
  assert.equal(kept.hotList().some((e) => e.url === 'content/q.mdx'), false);
  kept.forget();
  assert.deepEqual(kept.hotList(), []);
  assert.equal(Object.keys(win.localStorage).filter((k) => k.startsWith('papershelf /site/ drawn ')).length, 0);
  win.close();
});

test('keys name the page, the build, the theme and the site; another site of the origin reads none of them', () => {
  const win = pageAt();
  const kept = store(win);
  const light = kept.keyOf(URL_A);
  win.localStorage.setItem('papershelf /site/ theme', 'dark');
  const dark = kept.keyOf(URL_A);
  assert.notEqual(light, dark);
  const params = new URL(dark).searchParams;
  assert.deepEqual(Object.fromEntries(params), { post: URL_A, page: '/site/', build: 'https://example.org/site/boot-1.js', theme: 'dark', site: '리뷰' });
  kept.keepHot(URL_A, drawing(URL_A));
  const other = keptDrawings({ scope: '/other/', build: 'https://example.org/site/boot-1.js', doc: win.document, storage: win.localStorage, cacheStorage: null });
  assert.deepEqual(other.hotList(), []);
  assert.equal(other.showHot(URL_A, null), null);
  win.close();
});

test('storage that refuses is no error: nothing is kept or shown', () => {
  const win = pageAt();
  const refusing = { getItem() { throw new Error('denied'); }, setItem() { throw new Error('denied'); }, removeItem() {} };
  const kept = keptDrawings({ scope: '/site/', build: 'b', doc: win.document, storage: refusing, cacheStorage: null });
  kept.keepHot(URL_A, drawing(URL_A));
  assert.equal(kept.showHot(URL_A, null), null);
  assert.deepEqual(kept.hotList(), []);
  win.close();
});
