#!/bin/sh
# --ip-range was left out, so busybox1 gets the first address of the whole subnet.
# expect: create-net: my_bridge2 has no IP range set
# expect: run-busybox1: is inside {{range}}
set -eu
docker network create -d bridge --subnet "$subnet" --gateway "$gateway" my_bridge2
docker run -d --network=my_bridge2 --name busybox1 busybox sleep 3600
