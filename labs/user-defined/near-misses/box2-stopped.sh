#!/bin/sh
# box2 was started and then stopped, so there is nothing for its name to reach.
# expect: ping-by-name: the name box2 does not resolve
set -eu
docker network create -d bridge my_bridge
docker run -d --name box1 --network my_bridge busybox sleep 3600
docker run -d --name box2 --network my_bridge busybox sleep 3600
docker stop -t 0 box2
