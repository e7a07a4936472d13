#!/bin/sh
# The network is right, but busybox1 was started without --network.
# expect: run-busybox1: busybox1 is not on my_bridge2
set -eu
docker network create -d bridge --subnet "$subnet" --gateway "$gateway" --ip-range "$range" my_bridge2
docker run -d --name busybox1 busybox sleep 3600
