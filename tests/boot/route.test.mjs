// The boot code's router (www/boot/route.js) against tests/rules/routes.json,
// the cases crates/core/src/route.rs is tested against too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { routeOf, postFiles, pageRoute, paperPageRoute, percentDecode } from '../../www/boot/route.js';

const fixture = JSON.parse(fs.readFileSync(new URL('../rules/routes.json', import.meta.url), 'utf8'));

test('every case of the route fixture reads as the core reads it', () => {
  assert.ok(fixture.cases.length >= 40);
  for (const c of fixture.cases) {
    const route = routeOf(c.hash);
    assert.equal(route.page, c.page, c.hash);
    assert.equal(route.filtered, c.filtered, `${c.hash}: filtered`);
    assert.equal(route.post, c.post, `${c.hash}: post`);
    assert.equal(route.anchor ?? undefined, c.anchor, `${c.hash}: anchor`);
    assert.equal(route.paper, c.paper, `${c.hash}: paper`);
    if (route.post) {
      const files = postFiles(route.post);
      assert.equal(files.url, c.url, `${c.hash}: url`);
      assert.equal(files.mdx ?? undefined, c.mdx, `${c.hash}: mdx`);
      assert.equal(files.drawing, c.drawing, `${c.hash}: drawing`);
    }
  }
});

test('percent-decoding keeps what is not an escape', () => {
  assert.equal(percentDecode('50%'), '50%');
  assert.equal(percentDecode('%zz%4'), '%zz%4');
  assert.equal(percentDecode('%EB%85%BC'), '논');
  assert.equal(percentDecode('%41%2'), 'A%2');
});

test('a post page opens as the root route of its post, its fragment the heading', () => {
  assert.equal(pageRoute('docs/intro.mdx', ''), '#/post/docs/intro');
  assert.equal(pageRoute('papers/a.md', '#1-kimi'), '#/post/papers/a?id=1-kimi');
  assert.equal(pageRoute('papers/a.md', '#%EB%85%BC%EB%AC%B8'), `#/post/papers/a?id=${encodeURIComponent('논문')}`);
  assert.equal(pageRoute('papers/a.md', '#%E0%A4'), '#/post/papers/a?id=%25E0%25A4', 'a fragment that is not UTF-8 is kept as written');
  assert.equal(pageRoute('papers/a.md', '#/post/papers/b'), null, 'a route already');
});

test("a paper's page opens as the root route of its paper", () => {
  assert.equal(paperPageRoute('2511.16719', ''), '#/paper/2511.16719');
  assert.equal(paperPageRoute('hep-th/9901001', ''), '#/paper/hep-th/9901001');
  assert.equal(paperPageRoute('모델-평가-0a1b2c3d', ''), `#/paper/${encodeURIComponent('모델-평가-0a1b2c3d')}`);
  assert.equal(routeOf(paperPageRoute('모델-평가-0a1b2c3d', '')).paper, '모델-평가-0a1b2c3d', 'the router reads it back');
  assert.equal(paperPageRoute('2511.16719', '#/papers'), null, 'a route already');
  assert.equal(paperPageRoute('../x', ''), null, 'no paper');
});
