#!/bin/sh
# Another correct solution: box1 starts on the default bridge and is moved to
# my_bridge (its interface there is eth1), box2 is created then started, and
# the failing ping is run with old1's id and other options.
set -eu
docker network create my_bridge >/dev/null
docker run -d --name box1 busybox sleep 3600
docker network connect my_bridge box1
docker network disconnect bridge box1
docker create --name box2 --net my_bridge busybox sleep 3600 >/dev/null
docker start box2
docker run -d --name old1 busybox sleep 3600
docker run -d --name old2 busybox sleep 3600
docker exec "$(docker inspect -f '{{.Id}}' old1)" ping -c 2 -W 1 old2 || true
