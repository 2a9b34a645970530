GO ?= go
FUZZTIME ?= 30s

.PHONY: all build test fuzz bench update vet docs ci man-lint cross dist

all: build test

build:
	$(GO) build -o bin/jailfmt ./cmd/jailfmt

vet:
	$(GO) vet ./...

# The test command the README and CI use.
test: vet
	$(GO) test -count=1 ./...

# Runs each fuzz target for FUZZTIME (seeds: the inputs under testdata/
# and each package's testdata/fuzz). FUZZ lists package:target pairs.
FUZZ = ./parser:FuzzParsePrint ./parser:FuzzCheckerGrammar ./format:FuzzFormat ./fix:FuzzFix \
	./parser/rcconf:FuzzParse ./parser/sysctl:FuzzParse ./parser/iocage:FuzzJSON ./parser/iocage:FuzzList \
	./source:FuzzDetect ./convert:FuzzRCConf ./cmdline:FuzzCommandLines ./cmdlint:FuzzLint ./inputs:FuzzLintFix
fuzz:
	@for t in $(FUZZ); do \
		echo "fuzz $$t"; \
		$(GO) test $${t%%:*} -run '^$$' -fuzz "^$${t##*:}$$" -fuzztime $(FUZZTIME) || exit 1; \
	done

# Parse, resolve, lint, fix and fmt over generated 1k, 10k and 50k-jail
# configs: MB/s, allocations per input byte, CPU time and peak heap per
# operation. One run each keeps it within a few minutes.
bench:
	$(GO) test ./bench -run '^$$' -bench . -benchmem -benchtime 1x -timeout 10m

# Regenerate docs/rules/ from the rule registry (a test fails when stale).
docs:
	$(GO) test ./lint -run TestDocs -update

# Rewrite the golden files under testdata/ from the current output.
update:
	$(GO) test ./... -update

# What .ci/run runs: the tests, the man page lint and every release platform.
ci: test man-lint cross

# mandoc(1) is FreeBSD's man page formatter; warnings fail.
man-lint:
	mandoc -T lint -W warning cmd/jailfmt/jailfmt.1

# The platforms "make dist" releases for.
PLATFORMS = freebsd/amd64 freebsd/arm64 linux/amd64 darwin/arm64

# Type-checks every package (tests included) and links the command for
# each release platform, so a portability regression fails CI.
cross:
	@for p in $(PLATFORMS); do \
		echo "cross $$p"; \
		CGO_ENABLED=0 GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) vet ./... || exit 1; \
		CGO_ENABLED=0 GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) build -trimpath -o /dev/null ./cmd/jailfmt || exit 1; \
	done

# Release binaries in dist/: static (CGO_ENABLED=0), -trimpath, with the
# VCS revision from the checkout and nothing that depends on when or
# where they were built; plus the man page and SHA256SUMS.
dist:
	rm -rf dist && mkdir dist
	@for p in $(PLATFORMS); do \
		echo "dist $$p"; \
		CGO_ENABLED=0 GOOS=$${p%/*} GOARCH=$${p#*/} $(GO) build -trimpath -buildvcs=auto -ldflags=-buildid= \
			-o dist/jailfmt-$${p%/*}-$${p#*/} ./cmd/jailfmt || exit 1; \
	done
	cp cmd/jailfmt/jailfmt.1 dist/
	cd dist && if command -v sha256sum >/dev/null; then sha256sum jailfmt*; else shasum -a 256 jailfmt*; fi > SHA256SUMS
