#!/bin/sh
# The host lab, solved. Parameters arrive as environment variables: $port.
set -eu
docker run -d --name web1 --network host busybox httpd -f -p "$port"
docker exec web1 ip a >/dev/null
# checkpoint
set -eu
docker run -d --name web2 --network host busybox httpd -f -p "$port"
# httpd in web2 fails to bind and the container exits.
i=0
while [ "$(docker inspect -f '{{.State.Running}}' web2)" = true ] && [ "$i" -lt 50 ]; do
  sleep 0.1
  i=$((i + 1))
done
