// The content hash (www/boot/hash.js) against tests/rules/content-hash.json,
// the cases the CLI's hash is tested against too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { contentHash } from '../../www/boot/hash.js';

const fixture = JSON.parse(fs.readFileSync(new URL('../rules/content-hash.json', import.meta.url), 'utf8'));

test('every case of the content hash fixture, from text and from bytes', async () => {
  for (const c of fixture.cases) {
    assert.equal(await contentHash(c.text), c.hash, JSON.stringify(c.text));
    assert.equal(await contentHash(new TextEncoder().encode(c.text).buffer), c.hash, JSON.stringify(c.text));
  }
});
