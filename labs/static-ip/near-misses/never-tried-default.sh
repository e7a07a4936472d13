#!/bin/sh
# --ip was only ever used where it works, so Docker's refusal was never seen.
# expect: refused-on-default: which exited with 0
set -eu
logged() { "$@"; rc=$?; printf '%s\t%s\t%s\n' "$(date +%s)" "$rc" "$*" >>/var/log/netlab/commands.log; return $rc; }
logged docker run -d --network=my_bridge2 --ip "$ip" --name busybox2 busybox sleep 3600
