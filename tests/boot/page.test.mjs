// What the boot code says on the page (www/boot/page.js, copy.js), the
// shared object (shared.js) and the site's scope (scope.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { say, startFailure } from '../../www/boot/page.js';
import { listenForCopies, copiedText } from '../../www/boot/copy.js';
import { shared } from '../../www/boot/shared.js';
import { scopeOf, cacheName } from '../../www/boot/scope.js';
import { pageAt } from './dom.mjs';

test('a failure replaces the boot message, as an alert, or makes one', () => {
  const win = pageAt();
  say('papershelf could not start', win.document);
  const boot = win.document.getElementById('boot');
  assert.equal(boot.textContent, 'papershelf could not start');
  assert.equal(boot.getAttribute('role'), 'alert');
  boot.remove();
  say('again', win.document);
  assert.equal(win.document.body.firstElementChild.id, 'boot');
  win.close();
});

test("a start refused by a Content-Security-Policy says what to add to it, in the site's language", () => {
  const doc = pageAt().document;
  assert.equal(startFailure(new Error('Refused to compile … Content Security Policy'), doc), "리뷰을(를) 시작할 수 없습니다: script-src에 'wasm-unsafe-eval'을 추가해 주세요.");
  assert.equal(startFailure(new TypeError('Failed to fetch'), doc), '리뷰을(를) 시작하지 못했습니다: Failed to fetch. 페이지를 다시 불러오세요.');
});

const click = (win, target, init = {}) => target.dispatchEvent(new win.MouseEvent('click', { bubbles: true, cancelable: true, button: 0, ...init }));

test('"Copy link" copies, and says so beside it and to screen readers', async () => {
  const win = pageAt();
  const copied = [];
  Object.defineProperty(win, 'isSecureContext', { value: true });
  Object.defineProperty(win.navigator, 'clipboard', { value: { writeText: async (t) => copied.push(t) } });
  win.document.body.insertAdjacentHTML('beforeend', '<a href="#x" data-copy="https://example.org/site/docs/a/"><span>link</span></a>');
  listenForCopies(win);
  click(win, win.document.querySelector('[data-copy] span'));
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(copied, ['https://example.org/site/docs/a/']);
  assert.equal(win.document.querySelector('[data-copy]').getAttribute('data-copied'), copiedText(true, win.document).mark);
  assert.equal(win.document.querySelector('[data-copy]').getAttribute('data-copied'), '복사됨');
  assert.equal(win.document.getElementById('copy-status').textContent, '링크를 복사했습니다.');
  // A click with a modifier (open in a new tab) is the browser's.
  click(win, win.document.querySelector('[data-copy]'), { ctrlKey: true });
  assert.equal(copied.length, 1);
  win.close();
});

test('"Copy BibTeX" copies the entries and says what it copied', async () => {
  const win = pageAt();
  const copied = [];
  Object.defineProperty(win, 'isSecureContext', { value: true });
  Object.defineProperty(win.navigator, 'clipboard', { value: { writeText: async (t) => copied.push(t) } });
  const bib = '@misc{arxiv2510.25616,\n  title = {{A}},\n}';
  const button = win.document.createElement('button');
  button.setAttribute('data-copy', bib);
  button.setAttribute('data-copy-status', 'bibtex.copied');
  win.document.body.append(button);
  listenForCopies(win);
  click(win, button);
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(copied, [bib], 'the lines as they are');
  assert.equal(win.document.getElementById('copy-status').textContent, 'BibTeX를 복사했습니다.');
  // A key the table lacks says what any copy says.
  button.setAttribute('data-copy-status', 'no.such.key');
  click(win, button);
  await new Promise((r) => setTimeout(r, 0));
  assert.equal(win.document.getElementById('copy-status').textContent, '링크를 복사했습니다.');
  win.close();
});

test('where the clipboard cannot be written, the link is offered to copy by hand', async () => {
  const win = pageAt();
  const prompted = [];
  win.prompt = (text, link) => prompted.push(link);
  win.document.execCommand = () => false;
  win.document.body.insertAdjacentHTML('beforeend', '<button data-copy="https://example.org/x">Copy link</button>');
  listenForCopies(win);
  click(win, win.document.querySelector('button'));
  assert.deepEqual(prompted, ['https://example.org/x']);
  assert.equal(win.document.querySelector('button').getAttribute('data-copied'), '복사 실패');
  assert.equal(win.document.getElementById('copy-status').textContent, '링크를 복사하지 못했습니다.');
  assert.equal(win.document.querySelector('textarea'), null, 'the helper is gone');
  win.close();
});

test('one shared object, made once', () => {
  delete globalThis.__papershelf;
  const a = shared();
  a.early = {};
  assert.equal(shared(), a);
  assert.equal(globalThis.__papershelf.early, a.early);
  delete globalThis.__papershelf;
});

test('a site is named by the folder of its page', () => {
  assert.equal(scopeOf('https://you.github.io/reviews/index.html'), '/reviews/');
  assert.equal(scopeOf('https://you.github.io/reviews/'), '/reviews/');
  assert.equal(cacheName('/reviews/', 'content'), 'papershelf /reviews/ content');
});
