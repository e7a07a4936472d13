#!/bin/sh
# brctl show was run, but before busybox1 existed, so it could not show its veth.
# expect: look-at-bridge: but before busybox1 last started
set -eu
typed 'brctl show'
docker run -d --name busybox1 busybox sleep 3600
