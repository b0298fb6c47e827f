// The start of a post's first view: which post the address names, and the
// files the boot module (boot-<hash>.js, which scripts/post-build.mjs writes
// starting with this text) asks for early. The app reads every route itself
// again (crates/core/src/route.rs); this only picks plain paths to fetch
// before it has loaded.

// A post page (docs/<path>/, written by `papershelf publish`): its post is
// opened as the root's hash route, a plain fragment (a Docusaurus heading
// link) becoming the heading to scroll to. The page's <base> is the site's
// root, so the address becomes the root's hash route, in place.
const pagePost = document.querySelector('meta[name="papershelf-post"]')?.content;
if (pagePost && !location.hash.startsWith('#/')) {
  let anchor = '';
  try {
    anchor = decodeURIComponent(location.hash.slice(1));
  } catch (e) {
    anchor = location.hash.slice(1);
  }
  const stem = pagePost.replace(/\.mdx?$/, '');
  history.replaceState(history.state, '', `#/post/${stem}${anchor ? `?id=${encodeURIComponent(anchor)}` : ''}`);
}
// The boot script fetches the first view's files early only where
// AbortSignal.timeout exists (an early fetch must not wait forever).
const fetchesEarly = typeof AbortSignal === 'function' && typeof AbortSignal.timeout === 'function';
// The post a link to a post names, and its file in content/ (only plain paths:
// the app checks every route itself anyway).
const match = /^#\/post\/([A-Za-z0-9_./-]+)(?:\?.*)?$/.exec(location.hash);
const post = match && match[1];
const postUrl = fetchesEarly && post && !post.split('/').some((s) => s === '' || s === '.' || s === '..')
  ? `content/${/\.mdx?$/.test(post) ? post : post + '.md'}`
  : null;
// Routes drop a post's extension (`.md` is assumed): a post not found as `.md`
// may be an `.mdx`, asked for only then. The app takes that answer too.
const mdxUrl = postUrl && !/\.mdx?$/.test(post) ? postUrl.replace(/\.md$/, '.mdx') : null;
