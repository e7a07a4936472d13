#!/bin/sh
# Another correct solution: the options in another order with =, and busybox1
# started with no network, then connected to my_bridge2.
set -eu
docker network create --driver=bridge --ip-range="$range" --gateway="$gateway" --subnet="$subnet" my_bridge2 >/dev/null
docker run -d --name busybox1 --network none busybox sleep 3600
docker network disconnect none busybox1
docker network connect my_bridge2 busybox1
