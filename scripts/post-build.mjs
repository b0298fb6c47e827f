// Trunk post_build hook (runs in TRUNK_STAGING_DIR, for `trunk build` and `trunk serve`).
//
// 0. Copies the content folder (PAPERSHELF_CONTENT, from `make … CONTENT=…`;
//    default content/) into the build as content/, and indexes it there with
//    `papershelf index` (index.json, and _papershelf/: the first screens, offline.json,
//    the search index, the posts drawn ahead).
//    The folder is read where it is and never written to.
// 1. Reads from Trunk's index.html only the app's file names: the page is
//    written whole by `papershelf publish` (crates/core/src/app_page.rs) from
//    what this build made (papershelf-build.json, step 3). Trunk's loader
//    script is replaced by the boot module (www/boot/main.js bundled as
//    boot-<hash>.js), so a Content-Security-Policy needs no 'unsafe-inline'
//    (trunk-rs/trunk#288); it shows the first view of a post or list with a
//    small module, then loads the app.
// 2. Gives the lists module (crates/lists-wasm: the first views), the math
//    renderer (crates/math-wasm) and the search engine (crates/search-wasm), built by
//    Trunk as unhashed "workers", hashed file names. The lists module's wasm
//    gets wasm-opt's passes once more, to a fixed point.
// 3. Bundles the page's scripts (www/boot/, www/client.js, www/embed.js,
//    www/sw.js: ES modules) with esbuild, giving them the build's file names
//    as the module `papershelf:build`; www/boot/inline.js becomes the page's
//    one inline script. Writes papershelf-build.json (the page's parts) and
//    runs `papershelf publish` on the build: index.html and the post pages
//    (with PAPERSHELF_SITE_URL, from `make dist SITE_URL=…`, the feeds too).
// 4. Gives the web app manifest the site's own name, description and
//    language, from papershelf.toml as `papershelf index` wrote them into
//    content/index.json.
// 5. Writes the service worker (www/sw.js) in a release build, and its way
//    out (www/sw-off.js) as sw.js under `trunk serve`; and the web app manifest.
// 6. Minifies the wasm glue and the style sheet with esbuild (the first view's
//    budget counts them).
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { transformSync, build as esbuild } from 'esbuild';

const staging = process.env.TRUNK_STAGING_DIR;
// The directory of index.html (www/).
const source = process.env.TRUNK_SOURCE_DIR ?? path.join(process.cwd(), 'www');
if (!staging) throw new Error('post-build.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
// A content hash for file names.
const hash = (...parts) => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256')).digest('hex').slice(0, 16);
// Minified JavaScript (an ES module) or CSS. Names the module wasm-bindgen's glue exports stay.
const minify = (code, loader = 'js') => transformSync(code, { loader, minify: true, format: loader === 'js' ? 'esm' : undefined, legalComments: 'none' }).code;
const minifyFile = (file, loader) => fs.writeFileSync(file, minify(fs.readFileSync(file, 'utf8'), loader));
/** Says the Content-Security-Policy source that lets `text`, inline in index.html as
 * `what`, apply: README.md's policy has each (tests/e2e/hosting.test.mjs checks). */
const sayCspSource = (what, text) =>
  console.log(`post-build.mjs: ${what}'s Content-Security-Policy source: 'sha256-${crypto.createHash('sha256').update(text).digest('base64')}'`);

// 0. The content, copied and indexed. Every file of the author's is copied
// (folders named search/ or drawn/ included), but for hidden files and
// folders (.git, .docusaurus), node_modules, and papershelf's own names at
// the top: index.json and _papershelf/ (what `papershelf index` run in the
// folder itself wrote), which the index below writes anew.
const contentDir = path.resolve(process.env.PAPERSHELF_CONTENT || 'content');
if (!fs.existsSync(contentDir) || !fs.statSync(contentDir).isDirectory()) {
  throw new Error(`post-build.mjs: the content folder ${contentDir} does not exist (CONTENT=… names it)`);
}
const generated = new Set(['index.json', '_papershelf']);
const stagedContent = path.join(staging, 'content');
fs.rmSync(stagedContent, { recursive: true, force: true });
fs.cpSync(contentDir, stagedContent, {
  recursive: true,
  filter: (from) => {
    const rel = path.relative(contentDir, from);
    if (rel === '') return true;
    const parts = rel.split(path.sep);
    return !parts.some((p) => p.startsWith('.') || p === 'node_modules') && !(parts.length === 1 && generated.has(parts[0]));
  },
});
{
  const index = spawnSync('cargo', ['run', '--quiet', '--release', '-p', 'papershelf-cli', '--', 'index', contentDir, '--out', path.join(stagedContent, 'index.json')], { stdio: 'inherit' });
  if (index.status !== 0) throw new Error(`post-build.mjs: papershelf index ${contentDir} failed (status ${index.status}); see above`);
}

// Trunk's index.html, for the app's file names in its loader script.
const trunkHtml = fs.readFileSync(path.join(staging, 'index.html'), 'utf8');
const loader = trunkHtml.match(/<script type="module">\s*import init, \* as bindings from '\.\/([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '\.\/([^']+\.wasm)' \}\);[\s\S]*?<\/script>/);
if (!loader) throw new Error('post-build.mjs: Trunk\'s loader script was not found in index.html; check the Trunk version (0.21.14)');
const [, appJs, appWasm] = loader;
// Under `trunk serve`, Trunk's script that reloads the page once it has built
// again (it fills in its address when it serves the page): the page keeps it.
const reload = trunkHtml.match(/<script(?: nonce="[^"]*")?>(\s*"use strict";[\s\S]*?\.well-known\/trunk\/ws[\s\S]*?)<\/script>/)?.[1];

// The site's own name, description and language, for the manifest.
const indexPath = path.join(staging, 'content', 'index.json');
const about = (() => {
  try {
    return JSON.parse(`${fs.readFileSync(indexPath, 'utf8').split('\n', 1)[0]}]}`).site ?? {};
  } catch (e) {
    return {}; // no index (yet), or not one `papershelf index` wrote: the defaults
  }
})();
const siteTitle = about.title || 'papershelf';
const css = fs.readdirSync(staging).find((f) => /^style-[0-9a-f]+\.css$/.test(f));
if (!css) throw new Error('post-build.mjs: no hashed style-*.css in the build');

// A module Trunk built as an unhashed "worker": <name>.js + <name>_bg.wasm -> <name>-<hash>.*
const hashModule = (name) => {
  const jsIn = path.join(staging, `${name}.js`);
  const wasmIn = path.join(staging, `${name}_bg.wasm`);
  if (!fs.existsSync(jsIn) || !fs.existsSync(wasmIn)) throw new Error(`post-build.mjs: the module ${name} (${name}.js and _bg.wasm) is missing from the build`);
  const h = hash(fs.readFileSync(jsIn), fs.readFileSync(wasmIn));
  const js = `${name}-${h}.js`;
  const wasm = `${name}-${h}_bg.wasm`;
  const glue = fs.readFileSync(jsIn, 'utf8');
  if (!glue.includes(`'${name}_bg.wasm'`)) throw new Error(`post-build.mjs: the loader of ${name} does not name ${name}_bg.wasm; check the wasm-bindgen version`);
  fs.writeFileSync(path.join(staging, js), minify(glue.replaceAll(`'${name}_bg.wasm'`, `'${wasm}'`)));
  fs.renameSync(wasmIn, path.join(staging, wasm));
  fs.rmSync(jsIn);
  return { js, wasm };
};
// The lists module counts against the first view's budget: in a release
// build it gets wasm-opt's passes run to a fixed point (Trunk runs them once).
if (process.env.TRUNK_PROFILE === 'release') {
  const wasm = path.join(staging, 'papershelf-lists_bg.wasm');
  const features = ['bulk-memory', 'nontrapping-float-to-int', 'sign-ext', 'mutable-globals', 'reference-types', 'multivalue'].map((f) => `--enable-${f}`);
  const run = spawnSync('wasm-opt', ['-Oz', '--converge', ...features, '-o', wasm, wasm], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`post-build.mjs: wasm-opt --converge failed on the lists module (status ${run.status})`);
}
const math = hashModule('papershelf-math');
const search = hashModule('papershelf-search');
const lists = hashModule('papershelf-lists');

// The style sheet, minified, with its integrity hash (for the page's <link> to it).
const cssPath = path.join(staging, css);
const sri = (bytes) => `sha384-${crypto.createHash('sha384').update(bytes).digest('base64')}`;
minifyFile(cssPath, 'css');

// The lists module draws the first view of the home page, the papers page and
// a linked post (from its drawing ahead), the pages most readers arrive on:
// the page names it, so the boot code asks for it with the post, and a first
// visit preloads it (`papershelf publish` adds a post page's drawing ahead to
// that). The style sheet is inline: no request (not even to the worker's
// cache) stands between the page and its first screen; where a
// Content-Security-Policy refuses it, the same sheet comes as a file.
const styleText = fs.readFileSync(cssPath, 'utf8').trim();
sayCspSource('the inline style sheet', styleText);

// The page's scripts are ES modules under www/ (www/boot/: the route, the
// content hash, the drawings kept, the first view, the start), bundled here
// by esbuild. What they need of this build (its hashed file names, whether
// it is a release, the worker's version) they import from `papershelf:build`,
// which only exists here.
// A release build registers the service worker; `trunk serve` never does
// (a worker that caches during development is a trap).
const release = process.env.TRUNK_PROFILE === 'release';
/** The bundle of `entry` (in www/), minified, with `constants` as the module `papershelf:build`. */
const bundle = async (entry, constants, format = 'esm') => {
  const buildModule = {
    name: 'papershelf-build',
    setup(build) {
      build.onResolve({ filter: /^papershelf:build$/ }, () => ({ path: 'build', namespace: 'papershelf' }));
      build.onLoad({ filter: /.*/, namespace: 'papershelf' }, () => ({
        contents: Object.entries(constants).map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`).join('\n'),
        loader: 'js',
      }));
    },
  };
  const result = await esbuild({
    entryPoints: [path.join(source, entry)],
    bundle: true,
    write: false,
    format,
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [buildModule],
  });
  return result.outputFiles[0].text;
};
/** Writes `code` as `<name>-<hash>.js`; returns its file name. */
const writeHashed = (name, code) => {
  const file = `${name}-${hash(code)}.js`;
  fs.writeFileSync(path.join(staging, file), code);
  return file;
};
const client = writeHashed('client', await bundle('client.js', { release }));
const files = {
  app: { js: appJs, wasm: appWasm },
  lists,
  math,
  search,
  client,
  css,
};
const bootName = writeHashed('boot', await bundle('boot/main.js', { files }));
// One classic script at the end of the page, run while it is parsed (one
// script: the parser may yield to other tasks after each): www/boot/inline.js.
const endScript = (await bundle('boot/inline.js', {}, 'iife')).trim();
sayCspSource('an inline script', endScript);

// The page's parts, and the page: `papershelf publish` writes index.html
// (crates/core/src/app_page.rs) and the post pages from them.
const page = {
  boot: bootName,
  lists,
  style: { file: css, integrity: sri(fs.readFileSync(cssPath)), text: styleText },
  inline: endScript,
  ...(reload ? { reload } : {}),
};
fs.writeFileSync(path.join(staging, 'papershelf-build.json'), `${JSON.stringify(page, null, 2)}\n`);
{
  const siteUrl = process.env.PAPERSHELF_SITE_URL;
  // Preview images are drawn once per content: those already drawn are kept in target/ across builds.
  const cache = path.join(process.cwd(), 'target', 'papershelf-previews');
  const args = ['run', '--quiet', '--release', '-p', 'papershelf-cli', '--', 'publish', staging, '--cache', cache, ...(siteUrl ? ['--site-url', siteUrl] : [])];
  const published = spawnSync('cargo', args, { stdio: 'inherit' });
  if (published.status !== 0) throw new Error(`post-build.mjs: papershelf publish failed (status ${published.status}); see above`);
}
const html = fs.readFileSync(path.join(staging, 'index.html'), 'utf8');

fs.writeFileSync(path.join(staging, 'embed.js'), await bundle('embed.js', { files }));

// The app's glue.
minifyFile(path.join(staging, appJs));

// The web app manifest: installable from any sub-path (every URL relative).
const manifest = {
  id: './',
  start_url: './',
  scope: './',
  name: siteTitle,
  short_name: [...siteTitle].length <= 12 ? siteTitle : [...siteTitle].slice(0, 12).join(''),
  description: about.description || undefined,
  lang: about.language || undefined,
  display: 'standalone',
  // The light theme's page colour (www/style.css --bg); index.html names the dark one for the dark scheme.
  background_color: '#fbfbf9',
  theme_color: '#fbfbf9',
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
    { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
fs.writeFileSync(path.join(staging, 'manifest.webmanifest'), `${JSON.stringify(manifest, null, 2)}\n`);

// The service worker, with what it precaches and a version that changes with any of it.
const off = fs.readFileSync(path.join(source, 'sw-off.js'), 'utf8');
fs.writeFileSync(path.join(staging, 'sw-off.js'), off);
if (release) {
  const icons = manifest.icons.map((i) => i.src);
  for (const icon of icons) {
    if (!fs.existsSync(path.join(staging, icon))) throw new Error(`post-build.mjs: the icon ${icon} is missing from the build (www/icons, scripts/make-icons.py)`);
  }
  const appFiles = ['index.html', bootName, client, appJs, appWasm, lists.js, lists.wasm, css, 'manifest.webmanifest', ...icons];
  const unversioned = await bundle('sw.js', { version: '', appFiles }, 'iife');
  const version = hash(unversioned, html, JSON.stringify(manifest), ...appFiles.slice(1).map((f) => fs.readFileSync(path.join(staging, f))));
  fs.writeFileSync(path.join(staging, 'sw.js'), await bundle('sw.js', { version, appFiles }, 'iife'));
} else {
  fs.writeFileSync(path.join(staging, 'sw.js'), off);
}
