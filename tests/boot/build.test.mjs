// The build's one watch list (Trunk.toml) covers every crate the page is
// built from, and `make serve` (scripts/serve.sh) reads it rather than
// keeping a list of its own.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';

const root = new URL('../../', import.meta.url);
const read = (file) => fs.readFileSync(new URL(file, root), 'utf8');

test('every crate index.html builds, and every crate they use, is watched', () => {
  const watched = JSON.parse(read('Trunk.toml').match(/^watch = (\[.*\])$/m)[1]);
  const crates = [...read('www/index.html').matchAll(/data-trunk rel="rust" href="\.\.\/([^"]*)Cargo\.toml"/g)].map((m) => m[1]);
  assert.ok(crates.length >= 4, 'the app and its three modules');
  const needed = new Set();
  const visit = (dir) => {
    const manifest = read(`${dir}Cargo.toml`);
    needed.add(dir === '' ? 'src' : `${dir}src`);
    for (const [, dep] of manifest.matchAll(/\{ *path = "([^"]+)"/g)) {
      const next = new URL(`${dep}/`, new URL(dir, root)).href.slice(root.href.length);
      if (!needed.has(`${next}src`)) visit(next);
    }
  };
  for (const dir of crates) visit(dir);
  for (const dir of needed) assert.ok(watched.includes(dir), `Trunk.toml's watch list lacks ${dir}`);
  assert.ok(watched.includes('www') && watched.includes('content'));
});

test('make serve keeps no watch list of its own', () => {
  const serve = read('scripts/serve.sh');
  assert.match(serve, /Trunk\.toml/);
  assert.doesNotMatch(serve, /crates\/\w/, 'scripts/serve.sh names a crate: the list is Trunk.toml\'s');
});
