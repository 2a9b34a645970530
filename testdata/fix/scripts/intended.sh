#!/bin/sh
# The two command lines of issue 8 written as intended: separate KEY=VALUE
# arguments, jailsys words, no -a and no -e.
iocage create -n myjail -r 13.0-RELEASE sysvmsg=disable sysvsem=disable sysvshm=disable
jail -c name=myjail path=/usr/jails/myjail ip4.addr="192.168.1.100" sysvmsg=new sysvsem=new sysvshm=disable
