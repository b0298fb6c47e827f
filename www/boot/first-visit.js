// What only a first visit needs, run by the inline script at the end of
// index.html's <body> (below the inline style sheet and two templates in
// its <head>).

/**
 * Adds the preloads only a first visit needs to a page no service worker
 * controls (<template id="papershelf-first-visit">: the lists module, and on a
 * post page its drawing ahead; inert there). A page the worker controls has
 * those files in its cache, and draws a post read before from what this
 * device kept: fetched and compiled anyway, they would take a repeat visit's
 * first milliseconds.
 *
 * Adds the style sheet as a file (<template id="papershelf-style-file">)
 * where a Content-Security-Policy refused the inline one (it has no sheet then).
 */
export const firstVisit = (doc = document, nav = navigator) => {
  if (!nav.serviceWorker?.controller) {
    const links = doc.getElementById('papershelf-first-visit');
    if (links) doc.head.append(links.content);
  }
  if (!doc.getElementById('papershelf-style')?.sheet) {
    const file = doc.getElementById('papershelf-style-file');
    if (file) doc.head.append(file.content);
  }
};
