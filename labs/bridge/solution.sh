#!/bin/sh
# The bridge lab, solved: busybox1 and busybox2 on docker0, brctl show typed after the start.
set -eu
docker run -d --name busybox1 busybox sleep 3600
typed 'brctl show'
# checkpoint
set -eu
docker exec busybox1 ip a >/dev/null
docker run -d --name busybox2 busybox sleep 3600
docker exec busybox1 ping -c 1 "$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' busybox2)" >/dev/null
