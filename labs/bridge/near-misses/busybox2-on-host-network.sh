#!/bin/sh
# busybox2 shares the host's network stack, so it has no address on the bridge.
# expect: run-busybox2: busybox2 is not on bridge
set -eu
docker run -d --name busybox1 busybox sleep 3600
docker run -d --name busybox2 --network host busybox sleep 3600
