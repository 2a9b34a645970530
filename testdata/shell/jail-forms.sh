#!/bin/sh
# jail(8)'s command line styles and its getopt.
jail -c
jail -c -f /etc/jail.conf.d/web.conf web
jail -cm -f"$CONF" db
jail -r web db
jail -r name=web
jail -R name=web
jail -e , -c
jail -f /etc/jail.conf -e '|'
jail /usr/jails/old old.example.org 10.0.0.5,fe80::1 /bin/sh /etc/rc
jail old.example.org 10.0.0.5 /bin/sh /etc/rc
jail -c -a name=x
jail -c -f
jail -n web -s 2 -c path=/j/web persist
jail -c -n web
jail -dc name=web sysvshm=2 sysvsem=0 sysvmsg=new allow.nosysvipc
jail -c name=web ip4.addr=10.0.0.1,10.0.0.2,name=db path=/j command=/bin/sh /etc/rc
jail -c name=web,ip4.addr=10.0.0.1,10.0.0.2,path=/j
jail -c "name=web,path=/j" host.hostname=a,b 'sysvshm=1'
jail -c name="$j",path=/usr/jails/"$j" $EXTRA
jail -c vnet.interface=epair0b,epair1b zfs.dataset=tank/a,tank/b
jail -c name=web -v
sysctl -n security.jail.sysvipc_allowed security.jail.allow_raw_sockets=1 kern.x="$v"
sysctl -f /etc/sysctl.conf.local -Z
iocage set allow_sysvipc=1
iocage set allow_sysvipc=1 sysvshm=new
iocage set allow_sysvipc sysvshm=new web
iocage -f set -P a.b=1 plug
iocage create --release=14.1-RELEASE --name web -r 14.2=x -Tb
iocage create -r14.2-RELEASE -n db --empty ip4_addr="em0|10.0.0.5/24,em0|10.0.0.6/24" notes=a,b=c
iocage create --bogus
iocage create -n
iocage start web
jail $FLAGS name=x
jail -c "$PARAMS"
iocage set "$@"
iocage set "${props[@]}" web
nohup jail -c name=bg persist &
time -p sysctl security.jail.mount_allowed=1
