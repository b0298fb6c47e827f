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
# What to watch: Trunk.toml's one list, the content folder in place of "content".
watch=()
listed=$(sed -n 's/^watch = \[\(.*\)\]$/\1/p' Trunk.toml | tr -d ' "' | tr ',' ' ')
if [[ -z $listed ]]; then
  echo "make serve: Trunk.toml has no watch = [...] line to read" >&2
  exit 2
fi
for path in $listed; do
  [[ $path == content ]] && path=$content
  watch+=(--watch "$path")
done
exec trunk serve --offline --port "${PORT:-8080}" --dist target/serve-dist "${watch[@]}"
