#!/bin/sh
# The gateway is the subnet's last address, not .1.
# expect: create-net: the gateway of my_bridge2 is {{gateway}}
set -eu
docker network create -d bridge --subnet "$subnet" --gateway "192.168.$octet.254" --ip-range "$range" my_bridge2
docker run -d --network=my_bridge2 --name busybox1 busybox sleep 3600
