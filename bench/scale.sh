#!/bin/sh
# scale.sh: is every jailfmt command linear in its input (issue 11: 10x
# the input costs at most 11x the time and memory)? It builds jailfmt,
# writes each generated input at 1x and 10x its base size (the
# generators of package bench, through TestScaleInputs) and runs each
# command on both 3 times, printing the least CPU seconds (user+sys),
# wall seconds and peak RSS (MB) at each size, the 10x/1x ratios (a "!"
# marks one above 11; "-" when the 1x run is below the timer's 10 ms)
# and the output's size (nested blocks make output quadratic: fmt
# indents each level, exhibit prints each jail's dotted name). Commands that write run on
# a fresh copy each time; a run that takes more than 30 s is not
# repeated, and one is stopped after SCALE_LIMIT seconds (default 300;
# exit status 124). CI does not run it; it takes a few minutes:
#
#	sh bench/scale.sh [FILTER]	# FILTER: a grep -E pattern on "command input"
#
# Needs GNU time (/usr/bin/time -f). TMPDIR holds about 200 MB.
set -eu
filter=${1:-.}
limit=${SCALE_LIMIT:-300} # seconds a run may take (timeout(1))
repo=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jailfmt-scale.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$repo"
go build -o "$tmp/jailfmt" ./cmd/jailfmt
go test -c -o "$tmp/bench.test" ./bench
for x in 1 10; do
	mkdir "$tmp/s$x"
	"$tmp/bench.test" -test.run '^TestScaleInputs$' -scale.dir "$tmp/s$x" -scale.x $x >/dev/null
done
J=$tmp/jailfmt
# Both sizes get the same collector setting (jailfmt picks GOGC=400 for
# inputs up to 1 MB, which would flatter the 1x runs): GOGC=100 unless
# the environment sets GOGC (GOGC= for jailfmt's own choice).
GOGC=${GOGC-100}
export J GOGC

# run X COPY CMD: the least "cpu wall rss-MB" of 3 runs of CMD in the
# inputs at X times their size, then its output size and exit status.
# COPY names an input folder to copy afresh before each run ("-": none).
run() {
	x=$1 copy=$2 cmd=$3
	best=
	for i in 1 2 3; do
		dir=$tmp/s$x
		if [ "$copy" != - ]; then
			rm -rf "$tmp/w" && mkdir "$tmp/w" && cp -R "$dir/$copy" "$tmp/w/" && dir=$tmp/w
		fi
		rc=0
		(cd "$dir" && /usr/bin/time -f '%U %S %e %M' -o "$tmp/time" timeout "$limit" sh -c "exec $cmd" >"$tmp/out" 2>"$tmp/err") || rc=$?
		if [ "$rc" -ge 2 ] && [ "$i" = 1 ]; then
			echo "exit $rc: $cmd (x$x): $(head -c 300 "$tmp/err")" >&2
		fi
		# GNU time puts "Command exited with non-zero status" first.
		best=$(tail -n 1 "$tmp/time" | awk -v best="$best" '{ c = $1 + $2; w = $3; m = $4 / 1024
			if (best != "") { split(best, b, " "); if (b[1] < c) c = b[1]; if (b[2] < w) w = b[2]; if (b[3] < m) m = b[3] }
			printf "%.2f %.2f %.1f", c, w, m }')
		# A run this slow says enough once (124: stopped at the limit).
		[ "$rc" = 124 ] || [ "$(echo "$best" | awk '{ print ($2 > 30) }')" = 1 ] && break
	done
	echo "$best $(wc -c <"$tmp/out") $rc"
}

printf '%-22s %-13s %7s %7s %6s  %7s %7s %6s  %7s %7s %6s  %9s %9s %s\n' \
	command input cpu1 cpu10 ratio wall1 wall10 ratio rss1 rss10 ratio out1 out10 exit
# measure COMMAND INPUT COPY CMD ($J is jailfmt; paths are relative to
# the folder of all inputs).
measure() {
	echo "$1 $2" | grep -Eq -- "$filter" || return 0
	a=$(run 1 "$3" "$4")
	b=$(run 10 "$3" "$4")
	echo "$1|$2|$a|$b" | awk -F'|' '
		function r(p, q) { return q > 0 ? sprintf("%5.1f%s", p / q, p / q > 11 ? "!" : " ") : "    - " }
		{ split($3, a, " "); split($4, b, " ")
		  printf "%-22s %-13s %7.2f %7.2f %6s  %7.2f %7.2f %6s  %7.1f %7.1f %6s  %9d %9d %s/%s\n",
			$1, $2, a[1], b[1], r(b[1], a[1]), a[2], b[2], r(b[2], a[2]), a[3], b[3], r(b[3], a[3]), a[4], b[4], a[5], b[5] }'
}

measure lint conf - '$J lint conf/jail.conf'
measure 'lint --fix' conf conf '$J lint --fix conf/jail.conf'
measure 'lint -d' conf - '$J lint -d conf/jail.conf'
measure fmt untidy - '$J fmt untidy/jail.conf'
measure 'fmt -d' untidy - '$J fmt -d untidy/jail.conf'
measure 'fmt -w' untidy untidy '$J fmt -w untidy/jail.conf'
measure exhibit conf - '$J exhibit conf/jail.conf'
measure 'exhibit --json' conf - '$J exhibit --json conf/jail.conf'
measure 'convert to iocage' conf - '$J convert --from jailconf --to iocage conf/jail.conf'
measure 'convert to iocage json' conf - '$J convert --from jailconf --to iocage --json conf/jail.conf'
measure roots conf - '$J roots conf/jail.conf'

measure lint includes - '$J lint includes/jail.conf'
measure 'lint --fix' includes includes '$J lint --fix includes/jail.conf'
measure 'lint -d' includes - '$J lint -d includes/jail.conf'
measure 'lint DIR' includes - '$J lint includes'
measure 'fmt -d' includes - '$J fmt -d includes/jail.conf'
measure exhibit includes - '$J exhibit includes/jail.conf'
measure 'roots FRAGMENT' includes - '$J roots includes/jail.conf.d/j0.conf'

measure 'lint DIR' iocage - '$J lint iocage/iocage'
measure 'lint --fix DIR' iocage iocage '$J lint --fix iocage/iocage'
measure 'lint -d DIR' iocage - '$J lint -d iocage/iocage'
measure 'convert from iocage' iocage - '$J convert --from iocage --to jailconf iocage/iocage/jails/*'
measure lint iocage-props - '$J lint iocage-props/iocage/jails/db/config.json'
measure 'lint --fix' iocage-props iocage-props '$J lint --fix iocage-props/iocage/jails/db/config.json'
measure 'lint -d' iocage-props - '$J lint -d iocage-props/iocage/jails/db/config.json'
measure 'convert from iocage' iocage-props - '$J convert --from iocage --to jailconf iocage-props/iocage/jails/db'
measure lint iocage-deep - '$J lint iocage-deep/iocage/jails/db/config.json'
measure lint iocage-list - '$J lint --type iocage-props iocage-list/db.props'
measure 'lint -d' iocage-list - '$J lint -d --type iocage-props iocage-list/db.props'

measure lint rcconf - '$J lint rcconf/rc.conf'
measure 'lint --fix' rcconf rcconf '$J lint --fix rcconf/rc.conf'
measure 'lint -d' rcconf - '$J lint -d rcconf/rc.conf'
measure 'convert from rcconf' rcconf - '$J convert --from rcconf --to jailconf rcconf/rc.conf'
measure 'convert from ezjail' ezjail - '$J convert --from ezjail --to jailconf ezjail/ezjail/* ezjail/rc.conf'

measure lint sysctl - '$J lint sysctl/sysctl.conf'
measure 'lint --fix' sysctl sysctl '$J lint --fix sysctl/sysctl.conf'
measure 'lint -d' sysctl - '$J lint -d sysctl/sysctl.conf'
measure lint sh - '$J lint sh/jails.sh'
measure 'lint --fix' sh sh '$J lint --fix sh/jails.sh'
measure 'lint -d' sh - '$J lint -d sh/jails.sh'
measure lint markdown - '$J lint markdown/README.md'
measure 'lint --fix' markdown markdown '$J lint --fix markdown/README.md'
measure 'lint -d' markdown - '$J lint -d markdown/README.md'

measure migrate host - '$J migrate --root host'
measure 'migrate json' host - '$J migrate --root host --format json'
measure 'migrate --apply' host host '$J migrate --root host --apply'

for shape in nested long-value many-values var-chain wildcards long-line; do
	measure lint $shape - "\$J lint $shape/jail.conf"
	measure 'lint -d' $shape - "\$J lint -d $shape/jail.conf"
	measure 'fmt -d' $shape - "\$J fmt -d $shape/jail.conf"
	measure exhibit $shape - "\$J exhibit $shape/jail.conf"
done
