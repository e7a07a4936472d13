#!/bin/sh
# box2 is stopped, and another container answers to the name box2 (a network alias).
# expect: ping-by-name: which is not box2's address
set -eu
docker network create -d bridge my_bridge
docker run -d --name box1 --network my_bridge busybox sleep 3600
docker run -d --name box2 --network my_bridge busybox sleep 3600
docker stop -t 0 box2 >/dev/null
docker run -d --name impostor --network my_bridge --network-alias box2 busybox sleep 3600
