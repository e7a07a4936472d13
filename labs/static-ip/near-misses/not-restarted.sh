#!/bin/sh
# busybox2 is right, but was never restarted.
# expect: keeps-its-address: no commands have been typed
set -eu
docker run -d --network=my_bridge2 --ip "$ip" --name busybox2 busybox sleep 3600
