#!/bin/sh
# Docker 28: both isolation DROPs are gone, as on Docker 26, but the raw-table drop
# and DOCKER's drop into docker0 still stop the request.
# only: docker-28
# expect: drop-isolation: did not answer
set -eu
br="br-$(docker network inspect -f '{{.Id}}' my_bridge2 | cut -c1-12)"
iptables -D DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
iptables -D DOCKER-ISOLATION-STAGE-2 -o "$br" -j DROP
