// The preloads only a first visit needs, for a page no service worker
// controls: scripts/post-build.mjs inlines this at the top of index.html's
// <head>, after the <template id="papershelf-first-visit"> that holds them
// (the lists module, and on a post page its drawing ahead; inert there).
// A page the worker controls has those files in its cache, and draws a post
// read before from what this device kept: fetched and compiled anyway, they
// would take a repeat visit's first milliseconds.
if (!navigator.serviceWorker?.controller) {
  const links = document.getElementById('papershelf-first-visit');
  if (links) document.head.append(links.content);
}
