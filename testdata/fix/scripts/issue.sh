#!/bin/sh
# The two command lines of issue 8, as tutorials print them.
iocage create -n myjail -r 13.0-RELEASE -e -a sysvmsg=0,sysvsem=0,sysvshm=0
jail -c name=myjail,path=/usr/jails/myjail,ip4.addr="192.168.1.100",sysvmsg=1,sysvsem=1,sysvshm=0
