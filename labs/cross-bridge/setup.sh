#!/bin/sh
# Two bridges with containers on each: httpd1 and busybox2 on docker0;
# busybox1 and nginx1 on my_bridge2. Docker isolates the bridges from each other.
set -eu
docker network create -d bridge --subnet 192.168.31.0/24 --gateway 192.168.31.1 my_bridge2 >/dev/null
docker run -d --name httpd1 httpd >/dev/null
docker run -d --name busybox2 busybox sleep 36000 >/dev/null
docker run -d --name busybox1 --network my_bridge2 busybox sleep 36000 >/dev/null
docker run -d --name nginx1 --network my_bridge2 nginx >/dev/null
