#!/bin/sh
# The command was only printed: echo is what ran, not docker exec.
# expect: same-interfaces: nothing was run in web1 yet
set -eu
docker run -d --name web1 --network host busybox httpd -f -p "$port"
typed 'echo "docker exec web1 ip a"'
