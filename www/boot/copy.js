// "Copy link" on a post and the link mark on each heading (crates/web/src/share.rs),
// and "Copy BibTeX" (src/pages/paper.rs): a click copies the element's data-copy, says so beside it for 2 s and to
// screen readers; where the clipboard cannot be written, the link is shown
// selected, to copy by hand.

import { words } from './words.js';

/** What the copy says beside the control, and to screen readers, in the site's language: on success, the
 * message `doneKey` names (a control's data-copy-status, as `bibtex.copied`) or "Link copied". */
export const copiedText = (ok, doc = globalThis.document, doneKey = null) => {
  const w = words(doc);
  const own = doneKey ? w.get(doneKey) : doneKey;
  const done = own && own !== doneKey ? own : w.get('copy.status.done');
  return ok ? { mark: w.get('copy.done'), status: done } : { mark: w.get('copy.failed'), status: w.get('copy.status.failed') };
};

/** Listens for clicks on `[data-copy]` in `win`'s document. */
export const listenForCopies = (win = globalThis) => {
  const doc = win.document;
  win.addEventListener('click', (e) => {
    const control = e.target && typeof e.target.closest === 'function' ? e.target.closest('[data-copy]') : null;
    if (!control || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    const link = control.getAttribute('data-copy');
    const done = (ok) => {
      const text = copiedText(ok, doc, control.getAttribute('data-copy-status'));
      control.setAttribute('data-copied', text.mark);
      win.setTimeout(() => control.removeAttribute('data-copied'), 2000);
      let status = doc.getElementById('copy-status');
      if (!status) {
        status = doc.createElement('p');
        status.id = 'copy-status';
        status.className = 'visually-hidden';
        status.setAttribute('role', 'status');
        doc.body.append(status);
      }
      status.textContent = text.status;
      if (!ok) win.prompt(words(doc).get('copy.prompt'), link);
    };
    const byHand = () => {
      const area = doc.createElement('textarea');
      area.value = link;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      doc.body.append(area);
      area.select();
      let ok = false;
      try {
        ok = doc.execCommand('copy');
      } catch (err) {
        ok = false;
      }
      area.remove();
      control.focus();
      done(ok);
    };
    if (win.navigator.clipboard && win.isSecureContext) win.navigator.clipboard.writeText(link).then(() => done(true), byHand);
    else byHand();
  });
};
