# papershelf: the only entry points. Each installs what is missing first (scripts/setup.sh).
SHELL := bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver

## CONTENT=folder: the posts (default content/, the sample site), read where they are and never
## written to: `make serve CONTENT=../my-site/docs`. The build copies them into its output with
## the index (scripts/post-build.mjs). A relative path is from this folder.
CONTENT ?= content
export PAPERSHELF_CONTENT := $(shell realpath -m -- '$(CONTENT)')
## DIST=folder: where `make dist` writes the site (default dist/).
DIST ?= dist
## PORT=n: where `make serve` serves (default 8080).
PORT ?= 8080
export PORT

.PHONY: serve test dist bench

## make serve: trunk serve on http://127.0.0.1:$(PORT) with CONTENT, rebuilding when a post or the code changes.
serve:
	scripts/setup.sh build
	cargo build --quiet --release -p papershelf-cli
	scripts/serve.sh

## make dist: release build into $(DIST), with CONTENT and its index in $(DIST)/content/, the post
## pages, and the feeds when the site's URL is known (SITE_URL=… or `url` in papershelf.toml):
## the build runs `papershelf publish` (scripts/post-build.mjs).
dist:
	scripts/setup.sh build
	cargo build --quiet --release -p papershelf-cli
	PAPERSHELF_SITE_URL='$(SITE_URL)' trunk build --release --offline --dist '$(DIST)'

## make test: every test: the core and CLI natively, the boot modules in Node, components in headless Chromium, end to end.
test:
	scripts/setup.sh test
	cargo test -p papershelf-core -p papershelf-cli
	cargo test -p papershelf-core --no-default-features --lib
	@# The boot code's modules (www/boot/), and the rules Rust and JavaScript share (tests/rules/).
	node --test tests/boot/
	cargo test -p papershelf-app --target wasm32-unknown-unknown --test web
	$(MAKE) --no-print-directory dist
	@# What `trunk serve` builds first (the debug app), built before any timed test.
	trunk build --offline --dist target/serve-dist
	node --test --test-concurrency=1 --test-timeout=180000 $(filter-out tests/e2e/serve.test.mjs tests/e2e/moving.test.mjs,$(wildcard tests/e2e/*.test.mjs))
	@# trunk serve rebuilds on every change it watches, and the Pages workflows each build a release
	@# site: their files get a timeout of their own.
	node --test --test-concurrency=1 --test-timeout=900000 tests/e2e/serve.test.mjs tests/e2e/moving.test.mjs

## make bench: sizes, throughput, first render against docsify, filtering at scale, search against Pagefind, Lighthouse mobile against docsify; writes BENCHMARKS.md.
bench:
	scripts/setup.sh test
	$(MAKE) --no-print-directory dist
	cargo build --quiet --release -p papershelf-bench-wasm --target wasm32-unknown-unknown
	wasm-bindgen --target web --out-dir target/bench/wasm target/wasm32-unknown-unknown/release/papershelf_bench_wasm.wasm
	cargo bench --quiet -p papershelf-core --bench render -- --warm-up-time 1 --measurement-time 5
	node tests/bench/run.mjs
