#!/bin/sh
# ip a was run on the machine only, never inside web1.
# expect: same-interfaces: nothing was run in web1 yet
set -eu
docker run -d --name web1 --network host busybox httpd -f -p "$port"
typed 'ip a'
