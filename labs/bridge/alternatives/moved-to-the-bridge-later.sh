#!/bin/sh
# Another correct solution: busybox1 starts on another network and is moved to
# the default bridge (its interface there is eth1), the image is spelled in
# full, the bridge is listed with `bridge link` (and brctl show once too early,
# then again: the repeat counts), busybox2 is created, then started.
set -eu
docker network create side >/dev/null
typed 'brctl show'
docker run -d --name busybox1 --network side docker.io/library/busybox:latest sleep 3600
docker network connect bridge busybox1
docker network disconnect side busybox1
typed 'bridge link show | grep -c veth'
typed 'brctl show'
docker create --name busybox2 busybox:latest sleep 3600 >/dev/null
docker start busybox2
docker exec busybox1 ping -c 1 "$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' busybox2)" >/dev/null
