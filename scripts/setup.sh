#!/usr/bin/env bash
# Installs what papershelf needs, skipping whatever is already there at the
# right version. `setup.sh build` for building and serving; `setup.sh test`
# adds Chromium, chromedriver and the CJK fonts for the browser tests, and
# PyYAML for reading the workflows.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-build}
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf 'setup: %s\n' "$*"; }

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WBG_VERSION=$(grep -A1 '^name = "wasm-bindgen"$' Cargo.lock | sed -n 's/^version = "\(.*\)"/\1/p')

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [[ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [[ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG_VERSION" ]]; then
  say "installing wasm-bindgen-cli $WBG_VERSION (about 5 minutes, once)"
  # No --locked: the registry here lacks a few of the newest versions its lock file names.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi

if [[ ! -x node_modules/.bin/wasm-opt || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm tools (binaryen 132, esbuild, playwright-core, axe-core, docsify, pagefind, lighthouse)"
  npm ci --no-audit --no-fund
fi

if [[ $what == test ]]; then
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -x /usr/bin/chromedriver ]] || missing+=(chromium-driver)
  [[ -d /usr/share/fonts/opentype/noto ]] || missing+=(fonts-noto-cjk)
  # The Pages workflows are read as YAML in the tests (tests/e2e/moving.test.mjs).
  python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
  if ((${#missing[@]})); then
    say "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
say "ready ($what)"
