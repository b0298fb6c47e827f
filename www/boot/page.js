// Small things the boot code does to the page.
import { words } from './words.js';

/** Says `text` in the boot message (made if the page has none), as an alert. */
export const say = (text, doc = document) => {
  let boot = doc.getElementById('boot');
  if (!boot) {
    boot = doc.createElement('p');
    boot.id = 'boot';
    boot.className = 'boot-message';
    doc.body.prepend(boot);
  }
  boot.textContent = text;
  boot.setAttribute('role', 'alert');
};

/** Why the app could not start, for the reader: what to do about it, in the site's language. */
export const startFailure = (error, doc = globalThis.document) => {
  const w = words(doc);
  const site = doc?.querySelector('meta[name="application-name"]')?.content || 'papershelf';
  return /Content Security Policy|unsafe-eval|CompileError/i.test(String(error))
    ? w.say('error.csp', { site })
    : w.say('error.start', { site, why: error && error.message ? error.message : error });
};

/** Resolves once the page has been painted (or after 100 ms where frames are
 * not drawn, as in a background tab). */
export const afterPaint = () =>
  new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });

/** Resolves when the browser is idle (at most `timeout` ms later), or at once without requestIdleCallback. */
export const idle = (timeout) =>
  new Promise((resolve) => (globalThis.requestIdleCallback ? requestIdleCallback(resolve, { timeout }) : setTimeout(resolve, 0)));
