#!/bin/sh
# Another correct solution: busybox1 connected by its id, the isolation rules
# deleted by their numbers, net-tools installed in steps and ifconfig run by path.
set -eu
docker network connect bridge "$(docker inspect -f '{{.Id}}' busybox1)"
docker exec busybox1 wget -qO- "http://$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' httpd1)/" >/dev/null
# The two DROP rules come first in DOCKER-ISOLATION-STAGE-2, before its RETURN.
iptables -D DOCKER-ISOLATION-STAGE-2 1
iptables -D DOCKER-ISOLATION-STAGE-2 1
docker exec nginx1 apt-get update -q >/dev/null
docker exec -e DEBIAN_FRONTEND=noninteractive nginx1 apt-get install -y -q net-tools >/dev/null
docker exec nginx1 /sbin/ifconfig eth0 >/dev/null
