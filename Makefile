# The two commands of the README, plus a few conveniences.
.PHONY: serve test build bench
.DEFAULT_GOAL := serve

## make serve: install what is missing, build, serve on http://127.0.0.1:8080 with live rebuild
serve:
	@scripts/serve.sh

## make test: install what is missing, then run every check and test, stopping at the first failure
test:
	@scripts/test.sh

## make build: the release build in dist/, code-split (deploy that folder to any static host)
build:
	@scripts/setup.sh build && . scripts/env.sh && node scripts/build-release.mjs

## make bench: browser timings of the release build (not a pass/fail test)
bench:
	@scripts/setup.sh test && . scripts/env.sh && node scripts/build-release.mjs && node scripts/bench-browser.mjs
