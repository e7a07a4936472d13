#!/bin/sh
# web1 is on the host network, but the port is answered by an httpd of the machine itself.
# expect: run-web1: (pid
# expect: run-web1: the machine)
set -eu
docker run -d --name web1 --network host busybox sleep 3600
busybox httpd -p "$port" -h /tmp
