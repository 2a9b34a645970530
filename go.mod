module github.com/jailfmt/jailfmt

go 1.26.0

require (
	github.com/alecthomas/participle/v2 v2.1.4
	github.com/google/go-cmp v0.7.0
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	github.com/spf13/pflag v1.1.0
)

require mvdan.cc/sh/v3 v3.14.1

require golang.org/x/text v0.14.0 // indirect
