#!/bin/sh
# brctl show was run, but before busybox1 existed, so it could not show its veth.
# expect: look-at-bridge: before busybox1 started
set -eu
logged() { "$@"; rc=$?; printf '%s\t%s\t%s\n' "$(date +%s)" "$rc" "$*" >>/var/log/netlab/commands.log; return $rc; }
logged brctl show
sleep 1.2
docker run -d --name busybox1 busybox sleep 3600
