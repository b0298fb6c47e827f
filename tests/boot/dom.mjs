// A browser window for the boot modules' unit tests (happy-dom): a page of
// papershelf at `url`, with its boot message, as index.html starts.
import { Window } from 'happy-dom';

/** Some of a Korean site's messages, as `papershelf publish` puts the table in the page. */
export const KOREAN = {
  lang: 'ko',
  'copy.done': '복사됨',
  'copy.failed': '복사 실패',
  'copy.status.done': '링크를 복사했습니다.',
  'copy.status.failed': '링크를 복사하지 못했습니다.',
  'copy.prompt': '이 링크를 복사하세요:',
  'bibtex.copied': 'BibTeX를 복사했습니다.',
  'error.start': '{site}을(를) 시작하지 못했습니다: {why}. 페이지를 다시 불러오세요.',
  'error.csp': "{site}을(를) 시작할 수 없습니다: script-src에 'wasm-unsafe-eval'을 추가해 주세요.",
};

/** A window at `url` whose body holds index.html's boot message, and `head`
 * in its <head> after the site's messages (`messages`, Korean by default; none with null). */
export const pageAt = (url = 'https://example.org/site/', head = '', messages = KOREAN) => {
  if (messages) head = `<script type="application/json" id="papershelf-messages">${JSON.stringify(messages)}</script>${head}`;
  const win = new Window({ url, settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true } });
  win.document.write(
    `<!doctype html><html lang="ko"><head><meta name="application-name" content="리뷰">${head}</head>` +
      '<body><p id="boot" class="boot-message" role="status">Loading papershelf…</p></body></html>',
  );
  return win;
};
