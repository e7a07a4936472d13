#!/bin/sh
# web2 stopped by itself with a non-zero code, but over an invalid port, not a taken one.
# expect: port-conflict: web2's last output was
set -eu
docker run -d --name web1 --network host busybox httpd -f -p "$port"
docker run -d --name web2 --network host busybox httpd -f -p 70000
sleep 1
