#!/bin/sh
# Another correct solution: the refusal seen with docker create (--ip=… and
# --network default), the restart done as stop and start.
set -eu
typed "docker create --network default --ip=$ip busybox" || true
docker run -d --net my_bridge2 --ip "$ip" --name busybox2 busybox sleep 3600
docker stop -t 0 busybox2 >/dev/null
docker start busybox2 >/dev/null
