#!/bin/sh
# web1 is on the host network, but listens on busybox httpd's default port 80.
# expect: run-web1: nothing listens on port
set -eu
docker run -d --name web1 --network host busybox httpd -f
