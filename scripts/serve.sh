#!/usr/bin/env bash
# `make serve`: trunk serve, rebuilding when the code or a post changes. The
# content folder (PAPERSHELF_CONTENT, from `make serve CONTENT=…`) is watched
# where it is, inside the project or not; the build copies and indexes it
# (scripts/post-build.mjs) and never writes into it. The debug build goes to
# target/serve-dist, so dist/ stays the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
content="$(realpath -- "${PAPERSHELF_CONTENT:-content}")"
if [[ ! -d $content ]]; then
  echo "make serve: the content folder $content does not exist (CONTENT=…)" >&2
  exit 2
fi
export PAPERSHELF_CONTENT="$content"
watch=()
for path in src www crates/core/src crates/web/src crates/reader-wasm/src crates/lists-wasm/src crates/math-wasm/src crates/search-wasm/src Cargo.toml "$content"; do
  watch+=(--watch "$path")
done
exec trunk serve --offline --port "${PORT:-8080}" --dist target/serve-dist "${watch[@]}"
