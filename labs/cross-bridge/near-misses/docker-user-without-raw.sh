#!/bin/sh
# Docker 28: the DOCKER-USER rules are right, but the raw table drops the packets
# for httpd1 before FORWARD ever sees them.
# only: docker-28
# expect: docker-user: did not answer
set -eu
br="br-$(docker network inspect -f '{{.Id}}' my_bridge2 | cut -c1-12)"
iptables -I DOCKER-USER -i "$br" -o docker0 -j ACCEPT
iptables -I DOCKER-USER -i docker0 -o "$br" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
