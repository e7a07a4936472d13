#!/bin/sh
# The ping by name failed, but because old2 was not running at the time, not for lack of DNS.
# expect: default-has-no-dns: while old2 was not running
set -eu
docker run -d --name old1 busybox sleep 3600
docker run -d --name old2 busybox sleep 3600
docker stop -t 0 old2 >/dev/null
docker exec old1 ping -c 1 old2 || true
docker start old2 >/dev/null
