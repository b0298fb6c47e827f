// papershelf embed: defines <papershelf-viewer>. Use it in any page:
//
//   <script type="module" src="https://example.org/papers/embed.js"></script>
//   <papershelf-viewer tags="agents"></papershelf-viewer>
//
// Attributes: content (URL of a directory holding index.json; default: content/
// next to this file), tags (an initial filter, comma-separated), post (open one
// post, e.g. papers/y2025/nov/20251106), route (memory, the default: never touches
// the page's URL; or hash). The viewer lives in a shadow root: its styles and the
// page's do not mix. scripts/post-build.mjs bundles it with the build's hashed file names.
import { files } from 'papershelf:build';
import { shared } from './boot/shared.js';
import { wordsOf } from './boot/words.js';

const here = new URL('.', import.meta.url);
const APP_JS = new URL(files.app.js, here);
const APP_WASM = new URL(files.app.wasm, here);
const APP_CSS = new URL(files.css, here);

// Tells the app not to take over the page's <body>, and how to import the math
// renderer and the search engine.
const share = shared();
share.embedded = true;
share.math ??= () =>
  import(new URL(files.math.js, here).href).then(async (m) => {
    await m.default();
    return m;
  });
share.search ??= () =>
  import(new URL(files.search.js, here).href).then(async (m) => {
    await m.default();
    return m;
  });
// The site's messages (content/_papershelf/messages.json), once per page:
// the viewer speaks the site's language, whatever the host page's. Those of
// the content shown; where they cannot be read (content elsewhere, without
// CORS), those published beside this script.
let table;
const read = (url) =>
  fetch(url)
    .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
    .then((text) => (JSON.parse(text), text));
const messagesOf = (contentBase) =>
  (table ??= read(new URL('_papershelf/messages.json', contentBase))
    .catch(() => read(new URL('content/_papershelf/messages.json', here)))
    .catch(() => '{}'));
// The site's context (its paper folders, authors, tags: content/_papershelf/site.json),
// as the site's own page holds it; none (the default) where it cannot be read.
let context;
const contextOf = (contentBase) => (context ??= read(new URL('_papershelf/site.json', contentBase)).catch(() => null));
let app;
const start = () =>
  (app ??= import(APP_JS.href).then(async (module) => {
    await module.default({ module_or_path: APP_WASM });
    return module;
  }));

class PapershelfViewer extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: 'open' });
    const style = document.createElement('link');
    style.rel = 'stylesheet';
    style.href = APP_CSS.href;
    const mount = document.createElement('div');
    mount.className = 'papershelf-mount';
    root.append(style, mount);
    const content = this.getAttribute('content');
    const contentBase = new URL(content ?? 'content/', content ? document.baseURI : here).href.replace(/\/?$/, '/');
    const [text, site] = await Promise.all([messagesOf(contentBase), contextOf(contentBase)]);
    let w;
    try {
      w = wordsOf(JSON.parse(text) || {});
    } catch (e) {
      w = wordsOf({});
    }
    mount.lang = w.get('lang');
    mount.textContent = w.say('loading.app', { site: 'papershelf' });
    const options = {
      content: contentBase,
      tags: this.getAttribute('tags'),
      post: this.getAttribute('post'),
      route: this.getAttribute('route') ?? 'memory',
    };
    try {
      share.messages_table = text;
      if (site) share.site_context = site;
      const module = await start();
      mount.textContent = '';
      module.mount_viewer(mount, options);
    } catch (e) {
      mount.setAttribute('role', 'alert');
      mount.textContent = w.say('error.embed', { site: 'papershelf', why: e && e.message ? e.message : e });
    }
  }
}

if (!customElements.get('papershelf-viewer')) customElements.define('papershelf-viewer', PapershelfViewer);
