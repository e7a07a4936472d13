#!/bin/sh
# The static IP lab, solved. Parameters arrive as environment variables: $ip.
set -eu
typed "docker run -d --ip $ip --name try busybox sleep 3600" || true
# checkpoint
set -eu
docker run -d --network=my_bridge2 --ip "$ip" --name busybox2 busybox sleep 3600
docker restart -t 0 busybox2
