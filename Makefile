GO ?= go
FUZZTIME ?= 30s

.PHONY: all build test fuzz bench update vet docs

all: build test

build:
	$(GO) build -o bin/jailfmt ./cmd/jailfmt

vet:
	$(GO) vet ./...

# The test command the README and CI use.
test: vet
	$(GO) test -count=1 ./...

# Runs each fuzz target for FUZZTIME (seeds: every jail.conf in testdata/).
fuzz:
	$(GO) test ./parser -run '^$$' -fuzz FuzzParsePrint -fuzztime $(FUZZTIME)
	$(GO) test ./format -run '^$$' -fuzz FuzzFormat -fuzztime $(FUZZTIME)
	$(GO) test ./fix -run '^$$' -fuzz FuzzFix -fuzztime $(FUZZTIME)

# Parse, resolve and format over generated 1k, 10k and 50k-jail configs.
bench:
	$(GO) test ./bench -run '^$$' -bench . -benchmem -benchtime 3x

# Regenerate docs/rules/ from the rule registry (a test fails when stale).
docs:
	$(GO) test ./lint -run TestDocs -update

# Rewrite the golden files under testdata/ from the current output.
update:
	$(GO) test ./... -update
