// The inline script at the end of index.html's <body> (scripts/post-build.mjs
// bundles it; README.md's Content-Security-Policy has its hash, which no
// build's file names change: it reads them from the page). One script: the
// parser may yield to other tasks after each.
import { startFirstView, listsFiles } from './first-view.js';
import { firstVisit } from './first-visit.js';

// What only a first visit needs, then the first view, started while the
// page is still being parsed: its requests go out before the boot module has
// even been fetched.
firstVisit();
startFirstView({ lists: listsFiles(document), by: 'inline script' });
