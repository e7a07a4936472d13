#!/bin/sh
# The DOCKER-USER rule accepts new connections from docker0 into my_bridge2: the
# wrong direction, so busybox2's request is not let through by it.
# expect: docker-user: -o docker0
set -eu
br="br-$(docker network inspect -f '{{.Id}}' my_bridge2 | cut -c1-12)"
iptables -I DOCKER-USER -i docker0 -o "$br" -j ACCEPT
