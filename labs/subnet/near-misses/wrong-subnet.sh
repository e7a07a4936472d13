#!/bin/sh
# One octet off: the network is on the next /24.
# expect: create-net: the subnet of my_bridge2 is 192.168.{{octet}}.0/24
set -eu
next=$((octet + 1))
docker network create -d bridge --subnet "192.168.$next.0/24" --gateway "192.168.$next.1" --ip-range "192.168.$next.128/25" my_bridge2
docker run -d --network=my_bridge2 --name busybox1 busybox sleep 3600
