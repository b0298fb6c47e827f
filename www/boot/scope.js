// What a site keeps on the device is named for its scope, the folder of its
// root page (the service worker's scope, www/sw.js): sites that share an
// origin (GitHub Pages serves you.github.io/a/ and you.github.io/b/ from one)
// never read or replace each other's keys and caches. The app's theme key is
// named the same way (crates/web/src/theme.rs).

/** The scope of the page at `base` (its `document.baseURI`): the path of its folder. */
export const scopeOf = (base) => new URL('./', base).pathname;

/** The name of the `what` cache (or the prefix of local storage keys) of the site at `scope`. */
export const cacheName = (scope, what) => `papershelf ${scope} ${what}`;
