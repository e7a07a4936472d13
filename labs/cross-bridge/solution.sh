#!/bin/sh
# The cross-bridge lab, solved.
set -eu
docker network connect bridge busybox1
docker exec busybox1 wget -qO- "http://$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' httpd1)/"
br="br-$(docker network inspect -f '{{.Id}}' my_bridge2 | cut -c1-12)"
iptables -D DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
iptables -D DOCKER-ISOLATION-STAGE-2 -o "$br" -j DROP
docker exec nginx1 sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q net-tools' >/dev/null
docker exec nginx1 ifconfig
