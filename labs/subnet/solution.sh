#!/bin/sh
# The subnet lab, solved. Parameters arrive as environment variables: $subnet, $gateway, $range.
set -eu
docker network create -d bridge --subnet "$subnet" --gateway "$gateway" --ip-range "$range" my_bridge2
# checkpoint
set -eu
docker run -d --network=my_bridge2 --name busybox1 busybox sleep 3600
