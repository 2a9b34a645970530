#!/bin/sh
# Which jail.conf fixes map back into a script: a new value for one
# argument's value written as one run of bytes, or the argument removed.
jail -c name=a path=/j/a sysvmsg='1' sysvsem="2" sysvshm=0
jail -c name=b path=/j/b sysvmsg="0"1 sysvsem=1'' sysvshm=new
jail -c -n c -s 0 path=/j/c sysvmsg=new sysvsem=new sysvshm=new allow.sysvipc
jail -m name=d \
	allow.nosysvipc \
	sysvmsg=disable sysvsem=disable sysvshm=disable
jail -c name=e path=/j/e allow.sysvipc=1 allow.raw_sockets=yes
iocage create -n f -r 14.2-RELEASE allow_sysvipc=1 # no explicit sysv*: iocage passes sysv* (new) anyway
