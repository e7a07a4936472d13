#!/bin/sh
# ip a was typed inside a shell opened in web1, which the engine does not record.
# expect: same-interfaces: you opened a shell in web1
set -eu
docker run -d --name web1 --network host busybox httpd -f -p "$port"
echo 'ip a' | docker exec -i web1 sh >/dev/null
