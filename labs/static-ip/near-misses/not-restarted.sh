#!/bin/sh
# busybox2 is right, but was never restarted.
# expect: keeps-its-address: has run once since it was created
set -eu
docker run -d --network=my_bridge2 --ip "$ip" --name busybox2 busybox sleep 3600
