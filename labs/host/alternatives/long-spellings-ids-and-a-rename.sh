#!/bin/sh
# Another correct solution: the image by its full reference, the container
# renamed after ip a ran in it (by id), web2 created and then started.
set -eu
docker container run --detach --name=first --net=host docker.io/library/busybox:latest httpd -f -p "$port"
docker exec "$(docker inspect -f '{{.Id}}' first)" ip -4 address show >/dev/null
docker rename first web1
docker create --name web2 --network=host busybox:latest httpd -f -p "$port" >/dev/null
docker start web2
i=0
while [ "$(docker inspect -f '{{.State.Running}}' web2)" = true ] && [ "$i" -lt 50 ]; do
  sleep 0.1
  i=$((i + 1))
done
