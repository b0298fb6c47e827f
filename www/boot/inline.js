// The inline script at the end of index.html's <body> (scripts/post-build.mjs
// bundles it; README.md's Content-Security-Policy has its hash). One script:
// the parser may yield to other tasks after each.
import { release } from 'papershelf:build';
import { firstView } from './first-view.js';
import { firstVisit } from './first-visit.js';
import { shared } from './shared.js';

// In a release build, a post drawn here lately is shown while the page is
// parsed; what was shown (or null) and the page as it was before are left
// for the boot module.
if (release) {
  const build = document.getElementById('papershelf-boot')?.src;
  const { files, keepsDrawn, kept } = firstView({ build, release });
  if (files && keepsDrawn) {
    const boot = document.getElementById('boot');
    const title = document.title;
    shared().hot = { url: files.url, kept: kept.showHot(files.url, files.mdx), boot, title };
  }
}
firstVisit();
