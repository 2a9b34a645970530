#!/bin/sh
# A provisioning script: loops, functions, variables, sudo, here-docs and
# strings that only look like commands.
REL="13.2-RELEASE"
JAILS="web db"

make_jail() {
	j=$1
	sudo iocage create -b -n "$j" -r "$REL" allow_sysvipc="1" sysvmsg="new"
	sudo -u root env PATH=/sbin:/bin /usr/sbin/jail -c name="$j" \
		path="/usr/jails/$j" persist sysvshm=1
}

for j in $JAILS; do
	make_jail "$j" && echo "made $j" || exit 1
done

if [ "$(sysctl -n security.jail.jailed)" = 0 ]; then
	sysctl security.jail.sysvipc_allowed=1
fi

case "$1" in
start) command jail -c -f /etc/jail.conf db ;;
stop) exec jail -r db ;;
*) echo "iocage set allow_sysvipc=1 db" ;;
esac

cat <<EOF >/tmp/notes
iocage set allow_sysvipc=1 web
$(doas iocage set sysvshm=inherit web)
EOF

cat <<'EOF'
jail -c name=quoted persist
EOF

# jail -c name=comment persist
printf '%s\n' 'sysctl security.jail.sysvipc_allowed=1'
( cd /tmp && jail -m name=web allow.sysvipc=1 ) | tee /dev/null
x=$(iocage get all web | grep sysv)
command -v jail >/dev/null
sudo -l jail
env -S 'jail -c name=split persist'
"$JAIL" -c name=dynamic
