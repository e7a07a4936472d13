#!/bin/sh
# Everything is let through with a bare ACCEPT in DOCKER-USER (and the raw table):
# no interfaces named, so it opens every bridge to every other, and Docker's
# isolation rules are still there for the article's way.
# expect: docker-user: -o docker0
# expect: drop-isolation: found: -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
set -eu
iptables -I DOCKER-USER -j ACCEPT
iptables -t raw -I PREROUTING -j ACCEPT
