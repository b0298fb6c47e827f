// The boot module (boot-<hash>.js): bundled by scripts/post-build.mjs, which
// gives `papershelf:build` the build's hashed file names.
import { files } from 'papershelf:build';
import { start } from './start.js';

start({ files });
