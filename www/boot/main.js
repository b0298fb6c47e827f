// The boot module (boot-<hash>.js): bundled by scripts/post-build.mjs, which
// gives `papershelf:build` the build's hashed file names.
import { files, release } from 'papershelf:build';
import { start } from './start.js';

start({ build: import.meta.url, release, files });
