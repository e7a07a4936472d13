#!/bin/sh
# Chapter 6's machine, with its names and addresses: httpd1 on the default bridge,
# busybox2 on my_bridge2 (192.168.31.0/24) at 192.168.31.25, and nginx1 on the
# default bridge for the ifconfig exercise. Docker isolates the two bridges.
set -eu
docker network create -d bridge --subnet 192.168.31.0/24 --gateway 192.168.31.1 my_bridge2 >/dev/null
docker run -d --name httpd1 httpd >/dev/null
docker run -d --name busybox2 --network my_bridge2 --ip 192.168.31.25 busybox sleep 36000 >/dev/null
docker run -d --name nginx1 nginx >/dev/null
