// Inlined at the end of index.html's <body> by scripts/post-build.mjs (after
// www/first-view.js in a release build), below the inline style sheet and
// two templates in its <head>.
//
// The preloads only a first visit needs, for a page no service worker
// controls (<template id="papershelf-first-visit">: the lists module, and
// on a post page its drawing ahead; inert there). A page the worker controls
// has those files in its cache, and draws a post read before from what this
// device kept: fetched and compiled anyway, they would take a repeat
// visit's first milliseconds.
if (!navigator.serviceWorker?.controller) {
  const links = document.getElementById('papershelf-first-visit');
  if (links) document.head.append(links.content);
}
// The style sheet as a file (<template id="papershelf-style-file">), where a
// Content-Security-Policy refused the inline one (it has no sheet then).
if (!document.getElementById('papershelf-style')?.sheet) {
  const file = document.getElementById('papershelf-style-file');
  if (file) document.head.append(file.content);
}
