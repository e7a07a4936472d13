#!/bin/sh
# brctl show was only printed, after the start.
# expect: look-at-bridge: no command like it in the terminal
set -eu
docker run -d --name busybox1 busybox sleep 3600
typed 'echo brctl show'
