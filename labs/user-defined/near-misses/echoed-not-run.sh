#!/bin/sh
# The ping was only printed, never run in old1.
# expect: default-has-no-dns: nothing was run in old1 yet
set -eu
docker run -d --name old1 busybox sleep 3600
docker run -d --name old2 busybox sleep 3600
typed 'echo docker exec old1 ping -c 1 old2'
