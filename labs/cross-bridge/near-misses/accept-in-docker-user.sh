#!/bin/sh
# Traffic is let through with an ACCEPT in DOCKER-USER, but the isolation rules are still there.
# expect: drop-isolation: found: -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
set -eu
iptables -I DOCKER-USER -j ACCEPT
