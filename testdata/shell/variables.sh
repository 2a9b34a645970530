#!/bin/sh
# Values built from shell variables are not known before the script runs:
# nothing that depends on them is reported, the constant parts still are.
M=${1:-new}
jail -c name=a path=/j/a sysvmsg="$M" sysvsem=new sysvshm=new
jail -c name=b path=/j/b allow.sysvipc="$ON" sysvshm=1
jail -c name="$2" path="$ROOT" allow.mount=$MOUNT enforce_statfs=1 allow.dying
jail -c "$P"=1 sysvmsg=1
jail -m name=c vnet="$V" ip4.addr=10.0.0.1 sysvsem=inherit
iocage set sysvmsg="$M" allow_sysvipc="$X" "$J"
iocage set "$K"=0 sysvshm=0 web
sysctl security.jail."$knob"=1 security.jail.chflags_allowed=$V
# jailfmt:ignore JF5010 the build host runs FreeBSD 7 jails with the old form
sysctl security.jail.sysvipc_allowed=1
jail -c name=d path=/j/d sysvmsg=1 # jailfmt:ignore sysv-numeric-value kept as in the handbook
# jailfmt:ignore JF3004 no such finding here
jail -c name=e path=/j/e
# jailfmt:ignore JF5001
iocage list
iocage set sysvshm=renew allow_raw_sockets=nope web
jail -c name=f path="$ROOT" alow.mount="$M" allow.dying="$D" sysvmsg=new
