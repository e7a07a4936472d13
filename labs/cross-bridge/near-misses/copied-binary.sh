#!/bin/sh
# The machine's own ifconfig was copied into nginx1 with docker cp: the binary works,
# but net-tools was never installed there.
# expect: ifconfig-in-nginx1: dpkg says net-tools is not installed in nginx1
set -eu
docker cp /usr/sbin/ifconfig nginx1:/usr/sbin/ifconfig
docker exec nginx1 ifconfig >/dev/null
