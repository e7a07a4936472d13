#!/bin/sh
# The container is started, but under the image's name instead of busybox1.
# expect: run-busybox1: there is no container named busybox1
set -eu
docker run -d --name busybox busybox sleep 3600
