#!/bin/sh
# busybox2 is on my_bridge2, but without --ip Docker gave it the first free address.
# expect: static-busybox2: the address of busybox2 on my_bridge2 is 192.168.31.2/24
set -eu
docker run -d --network=my_bridge2 --name busybox2 busybox sleep 3600
