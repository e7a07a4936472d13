#!/bin/sh
# --ip was only ever used where it works, so Docker's refusal was never seen.
# expect: refused-on-default: which targeted the network my_bridge2, not bridge
set -eu
typed "docker run -d --network=my_bridge2 --ip $ip --name busybox2 busybox sleep 3600"
