jail -c 'name=a b' "path=/x/$HOME/y" ip4.addr=10.0.0.1,10.0.0.2 host.hostname=h\ 1 \
	exec.start="/bin/sh /etc/rc" "" $'sysvmsg=new' name=*.x {a,b}=1 ~/jail
