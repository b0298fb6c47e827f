// A browser window for the boot modules' unit tests (happy-dom): a page of
// papershelf at `url`, with its boot message, as index.html starts.
import { Window } from 'happy-dom';

/** A window at `url` whose body holds index.html's boot message, and `head` in its <head>. */
export const pageAt = (url = 'https://example.org/site/', head = '') => {
  const win = new Window({ url, settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  win.document.write(
    `<!doctype html><html lang="ko"><head><meta name="application-name" content="리뷰">${head}</head>` +
      '<body><p id="boot" class="boot-message" role="status">Loading papershelf…</p></body></html>',
  );
  return win;
};
