#!/bin/sh
# web1 serves the port, but from its own namespace on the default bridge, published with -p.
# expect: run-web1: network mode bridge
set -eu
docker run -d --name web1 -p "$port:$port" busybox httpd -f -p "$port"
