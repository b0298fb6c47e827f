// Trunk post_build hook (runs in TRUNK_STAGING_DIR, for `trunk build` and `trunk serve`).
//
// 1. Moves Trunk's inline loader <script type="module"> into boot-<hash>.js, so a
//    Content-Security-Policy needs no 'unsafe-inline' (trunk-rs/trunk#288), and makes
//    it say clearly when WebAssembly cannot start.
// 2. Gives the math renderer (crates/math-wasm, built by Trunk as an unhashed "worker")
//    hashed file names, and defines globalThis.__papershelfMath() for the app to import it.
// 3. Writes embed.js from www/embed.js with the hashed app file names filled in.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

const staging = process.env.TRUNK_STAGING_DIR;
// The directory of index.html (www/).
const source = process.env.TRUNK_SOURCE_DIR ?? path.join(process.cwd(), 'www');
if (!staging) throw new Error('post-build.mjs runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
// A content hash for file names.
const hash = (...parts) => parts.reduce((h, p) => h.update(p), crypto.createHash('sha256')).digest('hex').slice(0, 16);

const htmlPath = path.join(staging, 'index.html');
let html = fs.readFileSync(htmlPath, 'utf8');
const loader = html.match(/<script type="module">\s*import init, \* as bindings from '\.\/([^']+\.js)';\s*const wasm = await init\(\{ module_or_path: '\.\/([^']+\.wasm)' \}\);[\s\S]*?<\/script>/);
if (!loader) throw new Error('post-build.mjs: Trunk\'s loader script was not found in index.html; check the Trunk version (0.21.14)');
const [inline, appJs, appWasm] = loader;
const css = fs.readdirSync(staging).find((f) => /^style-[0-9a-f]+\.css$/.test(f));
if (!css) throw new Error('post-build.mjs: no hashed style-*.css in the build');

// The math renderer: papershelf-math.js + papershelf-math_bg.wasm -> papershelf-math-<hash>.*
const mathJsIn = path.join(staging, 'papershelf-math.js');
const mathWasmIn = path.join(staging, 'papershelf-math_bg.wasm');
if (!fs.existsSync(mathJsIn) || !fs.existsSync(mathWasmIn)) throw new Error('post-build.mjs: the math module (papershelf-math.js and _bg.wasm) is missing from the build');
const mathHash = hash(fs.readFileSync(mathJsIn), fs.readFileSync(mathWasmIn));
const mathJs = `papershelf-math-${mathHash}.js`;
const mathWasm = `papershelf-math-${mathHash}_bg.wasm`;
const mathGlue = fs.readFileSync(mathJsIn, 'utf8');
if (!mathGlue.includes("'papershelf-math_bg.wasm'")) throw new Error('post-build.mjs: the math module\'s loader does not name papershelf-math_bg.wasm; check the wasm-bindgen version');
fs.writeFileSync(path.join(staging, mathJs), mathGlue.replaceAll("'papershelf-math_bg.wasm'", `'${mathWasm}'`));
fs.renameSync(mathWasmIn, path.join(staging, mathWasm));
fs.rmSync(mathJsIn);

const boot = `// Starts papershelf; says what is wrong when it cannot.
// The index and the post the URL names start downloading now, beside the app;
// the app takes these answers (api.rs) instead of asking again. Only plain
// paths are fetched early; the app checks every route itself anyway.
// Skipped where AbortSignal.timeout is missing: a prefetch must not wait forever.
if (typeof AbortSignal === 'function' && typeof AbortSignal.timeout === 'function') {
  const early = (globalThis.__papershelfPrefetch = {});
  // The index as a Response (the app reads it as it streams in); the post read
  // to the end, as {status, text}, so the app can show it as soon as it starts.
  const get = (url, read) => {
    const answer = fetch(url, { cache: 'no-cache', signal: AbortSignal.timeout(10000) });
    early[url] = read ? answer.then((r) => r.text().then((text) => ({ status: r.status, text }))) : answer;
    early[url].catch(() => {}); // the app reports failures; an unused one is not an error
  };
  get('content/index.json', false);
  const match = /^#\\/post\\/([A-Za-z0-9_.\\/-]+)(?:\\?.*)?$/.exec(location.hash);
  const post = match && match[1];
  if (post && !post.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    get(\`content/\${/\\.mdx?$/.test(post) ? post : post + '.md'}\`, true);
  }
}
// Imports the math renderer; the app calls it the first time a post has math.
globalThis.__papershelfMath = globalThis.__papershelfMath || (() => import('./${mathJs}').then(async (m) => { await m.default(); return m; }));
const say = (text) => {
  const boot = document.getElementById('boot');
  if (boot) {
    boot.textContent = text;
    boot.setAttribute('role', 'alert');
  }
};
if (typeof WebAssembly !== 'object') {
  say('papershelf needs WebAssembly, which this browser does not have. Open the site in a current browser.');
} else {
  try {
    const { default: init } = await import('./${appJs}');
    await init({ module_or_path: './${appWasm}' });
  } catch (e) {
    const csp = /Content Security Policy|unsafe-eval|CompileError/i.test(String(e));
    say(csp
      ? "papershelf cannot start: this site's Content-Security-Policy does not allow WebAssembly. Add 'wasm-unsafe-eval' to its script-src."
      : \`papershelf could not start: \${e && e.message ? e.message : e}. Reload the page; if it keeps happening, the site may be half-deployed.\`);
  }
}
`;
const bootName = `boot-${hash(boot)}.js`;
fs.writeFileSync(path.join(staging, bootName), boot);
html = html.replace(inline, `<script type="module" src="./${bootName}"></script>`);
fs.writeFileSync(htmlPath, html);

const embed = fs
  .readFileSync(path.join(source, 'embed.js'), 'utf8')
  .replaceAll('__APP_JS__', appJs)
  .replaceAll('__APP_WASM__', appWasm)
  .replaceAll('__APP_CSS__', css)
  .replaceAll('__MATH_JS__', mathJs);
if (/__[A-Z_]+__/.test(embed)) throw new Error(`post-build.mjs: embed.js still has a placeholder: ${embed.match(/__[A-Z_]+__/)[0]}`);
fs.writeFileSync(path.join(staging, 'embed.js'), embed);
