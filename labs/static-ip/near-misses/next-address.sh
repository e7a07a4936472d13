#!/bin/sh
# One off: the address after the one asked for.
# expect: static-busybox2: is {{ip}}/24
set -eu
docker run -d --network=my_bridge2 --ip "192.168.31.$((host + 1))" --name busybox2 busybox sleep 3600
