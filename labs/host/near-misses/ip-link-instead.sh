#!/bin/sh
# ip link lists the interfaces without their addresses: another object than ip a.
# expect: same-interfaces: which is `ip link show`, not `ip address show`
set -eu
docker run -d --name web1 --network host busybox httpd -f -p "$port"
docker exec web1 ip link >/dev/null
