#!/bin/sh
# web1 is on the host network, but listens on busybox httpd's default port 80.
# expect: run-web1: 127.0.0.1 did not answer
set -eu
docker run -d --name web1 --network host busybox httpd -f
