// Which page a location hash names, and the files a post route reads: the
// rule of crates/core/src/route.rs and paths.rs, for the boot code. Both are
// tested against the same cases, tests/rules/routes.json
// (tests/boot/route.test.mjs here, `the_route_fixture` there).

/** How many times a post path is percent-decoded before it must be stable. */
const MAX_DECODES = 4;
/** Where the posts are, relative to the site's root. */
export const CONTENT = 'content/';

/** Decodes `%XX` escapes as bytes (invalid ones kept as written; bytes that
 * are not UTF-8 read as U+FFFD), as the core's `percent_decode`. */
export const percentDecode = (text) => {
  if (!text.includes('%')) return text;
  const bytes = new TextEncoder().encode(text);
  const out = [];
  const hex = (b) => (b >= 48 && b <= 57 ? b - 48 : b >= 65 && b <= 70 ? b - 55 : b >= 97 && b <= 102 ? b - 87 : -1);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 37 && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
      out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
      i += 2;
    } else {
      out.push(bytes[i]);
    }
  }
  return new TextDecoder().decode(new Uint8Array(out));
};

/** The value of `key` in an `a=b&c=d` query, percent-decoded; null when absent or empty. */
const queryParam = (query, key) => {
  for (const pair of query.split('&')) {
    const at = pair.indexOf('=');
    if (at >= 0 && pair.slice(0, at) === key && at + 1 < pair.length) return percentDecode(pair.slice(at + 1));
  }
  return null;
};

/** Whether a list page's query filters it (tags, `match=any`, words, or on the papers page `again=1`). */
const filtered = (query, papers = false) => {
  const tags = queryParam(query, 'tags');
  const hasTags = tags !== null && tags.split(',').some((t) => t.trim() !== '');
  const again = papers && queryParam(query, 'again') === '1';
  return hasTags || queryParam(query, 'match') === 'any' || queryParam(query, 'q') !== null || again;
};

/** A post path confined to content/, whatever its encoding (see the core's `safe_post_path`), or null. */
const safePostPath = (raw) => {
  let decoded = raw;
  let stable = false;
  for (let i = 0; i < MAX_DECODES; i++) {
    const next = percentDecode(decoded);
    if (next === decoded) {
      stable = true;
      break;
    }
    decoded = next;
  }
  const path = decoded.replace(/\/+$/, '');
  const bad =
    !stable ||
    path === '' ||
    /[%?#\\:]/.test(path) ||
    path.startsWith('/') ||
    path.split('/').some((s) => s === '' || s === '.' || s === '..') ||
    /[\u0000-\u001f\u007f-\u009f]/.test(path);
  if (bad) return null;
  return /\.mdx?$/.test(path) ? path : `${path}.md`;
};

/** Whether `key` can name a paper (the core's `paper_id::is_key`): letters, digits, `-_.`, and `/`
 * between segments other than empty, `.` and `..`; 120 characters at most. */
const isPaperKey = (key) =>
  key !== '' &&
  [...key].length <= 120 &&
  /^[\p{Alphabetic}\p{N}\-_./]+$/u.test(key) &&
  key.split('/').every((s) => s !== '' && s !== '.' && s !== '..');

/**
 * The page a location hash names.
 * @param {string} hash `location.hash`, with or without its `#`.
 * @returns {{page: 'home'|'papers'|'tags'|'archive'|'search'|'post'|'paper'|'not-found', filtered?: boolean, post?: string,
 *   anchor?: string|null, paper?: string}}
 *   `filtered` for the list pages and the search; `post` (its file in content/) and `anchor` for a post; `paper` (its key) for a paper.
 */
export const routeOf = (hash) => {
  const h = hash.startsWith('#') ? hash.slice(1) : hash;
  const at = h.indexOf('?');
  let path = at < 0 ? h : h.slice(0, at);
  const query = at < 0 ? '' : h.slice(at + 1);
  if (path.startsWith('/')) path = path.slice(1);
  const page = path.replace(/\/+$/, '');
  if (page === '') return { page: 'home', filtered: filtered(query) };
  if (page === 'papers' || page === 'search') return { page, filtered: filtered(query, page === 'papers') };
  if (page === 'tags' || page === 'archive') return { page };
  if (path.startsWith('paper/')) {
    const key = percentDecode(path.slice('paper/'.length).replace(/\/+$/, ''));
    return isPaperKey(key) ? { page: 'paper', paper: key } : { page: 'not-found' };
  }
  if (!path.startsWith('post/')) return { page: 'not-found' };
  const post = safePostPath(path.slice('post/'.length));
  return post ? { page: 'post', post, anchor: queryParam(query, 'id') } : { page: 'not-found' };
};

/** A post's path without its `.md` or `.mdx`. */
export const postStem = (path) => path.replace(/\.mdx?$/, '');

/** The URL of `path` in content/: each character a URL would read as other
 * than part of a file name percent-encoded (the core's `encode_path`). */
export const contentUrl = (path) =>
  CONTENT +
  [...path]
    .map((c) =>
      /[%#?"<>\\\u0000-\u0020\u007f]/.test(c)
        ? [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')
        : c,
    )
    .join('');

/** The file asked for next when the post at `path` answers 404 (a route names no extension; the
 * file may be an `.mdx`), or null. */
export const mdxFallback = (path) => (path.endsWith('.md') ? `${path.slice(0, -'.md'.length)}.mdx` : null);

/** Where the post at `path` is drawn ahead, in content/. */
export const drawingPath = (path) => `_papershelf/drawn/${postStem(path)}.json`;

/** The files a post route reads: `{url, mdx, drawing}` (URLs from the site's root; `mdx` may be null). */
export const postFiles = (post) => {
  const mdx = mdxFallback(post);
  return { url: contentUrl(post), mdx: mdx && contentUrl(mdx), drawing: contentUrl(drawingPath(post)) };
};

/**
 * A post page's address (docs/<path>/, written by `papershelf publish`) as the root's
 * hash route: its fragment (a Docusaurus heading link) becomes the heading to scroll to.
 * @param {string} pagePost the post the page is for (its <meta name="papershelf-post">).
 * @param {string} hash the page's `location.hash`.
 * @returns {string|null} the hash to go to, or null where the hash is a route already.
 */
export const pageRoute = (pagePost, hash) => {
  if (hash.startsWith('#/')) return null;
  let anchor = hash.slice(1);
  try {
    anchor = decodeURIComponent(anchor);
  } catch (e) {
    // kept as written
  }
  return `#/post/${postStem(pagePost)}${anchor ? `?id=${encodeURIComponent(anchor)}` : ''}`;
};

/**
 * A paper's page (paper/<key>/, written by `papershelf publish`) as the root's hash route.
 * @param {string} key the paper the page is for (its <meta name="papershelf-paper">).
 * @param {string} hash the page's `location.hash`.
 * @returns {string|null} the hash to go to, or null where the hash is a route already or the key names no paper.
 */
export const paperPageRoute = (key, hash) => {
  if (hash.startsWith('#/') || !isPaperKey(key)) return null;
  return `#/paper/${key.split('/').map(encodeURIComponent).join('/')}`;
};
