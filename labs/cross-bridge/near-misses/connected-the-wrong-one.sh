#!/bin/sh
# nginx1 was connected to the default bridge instead of busybox1.
# expect: connect-busybox1: busybox1 is not on bridge
set -eu
docker network connect bridge nginx1
