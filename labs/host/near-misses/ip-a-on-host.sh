#!/bin/sh
# ip a was run on the machine only, never inside web1.
# expect: same-interfaces: no command like it
set -eu
logged() { "$@"; rc=$?; printf '%s\t%s\t%s\n' "$(date +%s)" "$rc" "$*" >>/var/log/netlab/commands.log; return $rc; }
docker run -d --name web1 --network host busybox httpd -f -p "$port"
logged ip a
