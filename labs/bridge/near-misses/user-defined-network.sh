#!/bin/sh
# busybox1 runs, but on a user-defined network, so its veth hangs off br-<id>, not docker0.
# expect: run-busybox1: busybox1 is not on bridge; it is on lab
set -eu
docker network create lab >/dev/null
docker run -d --name busybox1 --network lab busybox sleep 3600
