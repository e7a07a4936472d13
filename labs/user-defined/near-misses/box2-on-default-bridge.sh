#!/bin/sh
# box2 was started without --network, so it sits on docker0.
# expect: run-box1-box2: box2 is not on my_bridge; it is on bridge
set -eu
docker network create -d bridge my_bridge
docker run -d --name box1 --network my_bridge busybox sleep 3600
docker run -d --name box2 busybox sleep 3600
