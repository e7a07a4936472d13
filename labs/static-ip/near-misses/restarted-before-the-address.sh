#!/bin/sh
# busybox2 was restarted while Docker had picked its address; the address asked
# for was set afterwards with docker network connect, and never survived a restart.
# expect: keeps-its-address: before its network settings last changed
set -eu
docker run -d --network=my_bridge2 --name busybox2 busybox sleep 3600
docker restart -t 0 busybox2 >/dev/null
docker network disconnect my_bridge2 busybox2
docker network connect --ip "$ip" my_bridge2 busybox2
