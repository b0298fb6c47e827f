// The one global object through which the page's scripts and the app (wasm)
// meet: `globalThis.__papershelf`. Every name that crosses is listed here;
// the Rust side reads them through crates/web/src/shared.rs.
//
// @typedef {object} Shared
// @property {Promise<void>} [started]   resolves once the app has started and painted (the boot module; www/client.js waits on it to register the worker)
// @property {() => void} [wake]         starts the app now, when it waits for the reader to act (the boot module; client.js calls it on a stale first view)
// @property {() => Promise<object>} [math]    imports the math renderer (boot module or www/embed.js; src/math.rs)
// @property {() => Promise<object>} [search]  imports the search engine (boot module or embed.js; src/search.rs)
// @property {Object<string, Promise>} [early] answers fetched ahead, by URL: a post as {status, text}, the index as a Response (boot module; src/api.rs takes them)
// @property {object[]|null} [messages] what the service worker said before client.js loaded (boot module; client.js reads it)
// @property {(event: MessageEvent) => void} [heard] the listener that keeps those messages (client.js removes it)
// @property {object} [view] the first view, as the inline script (or the boot module) started it (www/boot/first-view.js)
// @property {object} [offline] "Save for offline" (client.js; src/offline.rs)
// @property {boolean} [embedded] the viewer is embedded in another page (embed.js; crates/web/src/share.rs)
// @property {string} [messages_table] an embedded viewer's site messages, as JSON (embed.js; crates/web/src/messages.rs; a page of our own holds them in #papershelf-messages)
// @property {string} [site_context] an embedded viewer's site context (paper folders, authors, tags), as JSON (embed.js, from content/_papershelf/site.json; src/context.rs; a page of our own holds it in #papershelf-site)

/** The shared object, made on first use. @returns {Shared} */
export const shared = () => (globalThis.__papershelf ??= {});
