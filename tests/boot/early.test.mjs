// The early answers (www/boot/early.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { earlyAnswers } from '../../www/boot/early.js';

/** A fetch that answers each URL with `answers[url]` ([status, text]), recording what was asked. */
const fakeFetch = (answers, asked) => async (url, init) => {
  asked.push({ url, cache: init.cache, signal: init.signal instanceof AbortSignal });
  const [status, text] = answers[url] ?? [404, 'not found'];
  return new Response(text, { status });
};

test('a post is read to the end; the index is left as a Response', async () => {
  const asked = [];
  const answers = {};
  const early = earlyAnswers(answers, fakeFetch({ 'content/a.md': [200, '# A'], 'content/index.json': [200, '{}'] }, asked));
  early.fetch('content/a.md', true);
  early.fetch('content/index.json', false);
  assert.deepEqual(await early.get('content/a.md'), { status: 200, text: '# A' });
  assert.ok((await answers['content/index.json']) instanceof Response);
  assert.ok(asked.every((a) => a.cache === 'no-cache' && a.signal), 'fresh, and never waiting forever');
});

test('the .mdx is asked for only when the .md is not found', async () => {
  const asked = [];
  const early = earlyAnswers({}, fakeFetch({ 'content/b.md': [200, 'md'], 'content/c.mdx': [200, 'mdx'] }, asked));
  early.fetch('content/b.md', true);
  early.fallback('content/b.md', 'content/b.mdx');
  assert.deepEqual(await early.get('content/b.mdx'), { status: 404, text: '' });
  early.fetch('content/c.md', true);
  early.fallback('content/c.md', 'content/c.mdx');
  assert.deepEqual(await early.get('content/c.mdx'), { status: 200, text: 'mdx' });
  assert.deepEqual(asked.map((a) => a.url), ['content/b.md', 'content/c.md', 'content/c.mdx']);
});

test('where nothing is fetched early, nothing is asked', () => {
  const asked = [];
  const early = earlyAnswers(null, fakeFetch({}, asked));
  early.fetch('content/a.md', true);
  early.fallback('content/a.md', 'content/a.mdx');
  assert.equal(early.on, false);
  assert.equal(early.get('content/a.md'), undefined);
  assert.deepEqual(asked, []);
});
