#!/bin/sh
# web2 stopped with a non-zero code, but because it was killed, not because the port was taken.
# expect: port-conflict: web2 was stopped from outside (signal 9), exit code 137
set -eu
docker run -d --name web1 --network host busybox httpd -f -p "$port"
docker run -d --name web2 --network host busybox httpd -f -p "$((port + 1))"
docker kill web2 >/dev/null
