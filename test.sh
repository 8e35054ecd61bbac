#!/usr/bin/env bash
# Runs every check CI runs: formatting, vet, and all tests with the race
# detector (fuzz targets run their seed corpora). Usage: ./test.sh
set -euo pipefail
cd "$(dirname "$0")"

# The race detector needs cgo and a C compiler; install Debian's when absent.
need_pkgs=()
command -v "$(go env CC)" >/dev/null 2>&1 || need_pkgs+=(gcc libc6-dev)
if [ ${#need_pkgs[@]} -gt 0 ]; then
	echo "== installing ${need_pkgs[*]} (Debian packages)"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq && $sudo apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi
export CGO_ENABLED=1

echo "== gofmt"
unformatted=$(gofmt -l $(find . -name '*.go' -not -path './.git/*'))
if [ -n "$unformatted" ]; then
	echo "gofmt would change:"
	echo "$unformatted"
	exit 1
fi

echo "== go vet"
go vet ./...

echo "== go test -race"
go test -race -count=1 ./...
