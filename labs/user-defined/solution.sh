#!/bin/sh
# The user-defined network lab, solved.
set -eu
docker network create -d bridge my_bridge
typed 'brctl show'
# checkpoint
set -eu
docker run -d --name box1 --network my_bridge busybox sleep 3600
docker run -d --name box2 --network my_bridge busybox sleep 3600
docker exec box1 ping -c 1 box2 >/dev/null
# checkpoint
set -eu
docker run -d --name old1 busybox sleep 3600
docker run -d --name old2 busybox sleep 3600
docker exec old1 ping -c 1 old2 || true
