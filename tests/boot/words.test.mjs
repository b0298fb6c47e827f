// www/boot/words.js: how the page's side reads the site's messages, against
// the cases the Rust side is tested against too (tests/rules/messages.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fill, wordsOf, words } from '../../www/boot/words.js';
import { pageAt } from './dom.mjs';

const fixture = JSON.parse(fs.readFileSync(new URL('../rules/messages.json', import.meta.url), 'utf8'));

test('every case of the messages fixture reads as the Rust side reads it', () => {
  assert.ok(fixture.cases.length >= 15);
  for (const c of fixture.cases) {
    const w = wordsOf(fixture.tables[c.table]);
    const got = 'say' in c ? w.say(c.say, c.args) : 'count' in c ? w.count(c.count, c.n, c.args) : 'date' in c ? w.date(c.date, c.weekday) : w.month(c.month);
    assert.equal(got, c.want, JSON.stringify(c));
  }
});

test('a slot is filled once, with what it names, never read again as a slot', () => {
  assert.equal(fill('{a}{b}', { a: '{b}', b: 'x' }), '{b}x');
  assert.equal(fill('{a} {a}', { a: 1 }), '1 1');
});

test("the page's table is read from its JSON element; a missing or broken one reads keys", () => {
  const page = pageAt('https://x.org/', '', { 'copy.done': '복사됨' });
  assert.equal(words(page.document).get('copy.done'), '복사됨');
  const bare = pageAt('https://x.org/', '', null);
  assert.equal(words(bare.document).get('copy.done'), 'copy.done');
  const broken = pageAt('https://x.org/', '', null);
  const bad = broken.document.createElement('script');
  bad.id = 'papershelf-messages';
  bad.textContent = '{not json';
  broken.document.head.append(bad);
  assert.equal(words(broken.document).get('copy.done'), 'copy.done');
});
