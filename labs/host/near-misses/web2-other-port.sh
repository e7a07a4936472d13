#!/bin/sh
# web2 avoided the conflict by using another port, so it keeps running.
# expect: port-conflict: web2 is running
set -eu
docker run -d --name web1 --network host busybox httpd -f -p "$port"
docker run -d --name web2 --network host busybox httpd -f -p "$((port + 1))"
