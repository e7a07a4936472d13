#!/bin/sh
# old1 and old2 were put on my_bridge, where names resolve, so the ping worked.
# expect: default-has-no-dns: old1 is not on bridge
set -eu
docker network create -d bridge my_bridge
docker run -d --name old1 --network my_bridge busybox sleep 3600
docker run -d --name old2 --network my_bridge busybox sleep 3600
docker exec old1 ping -c 1 old2 >/dev/null
