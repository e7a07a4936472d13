#!/bin/sh
# The cross-bridge lab, solved as chapter 6 does it, on either Docker generation:
# the stages are checked one after another, as a session checks while the reader works.
set -eu
docker network connect my_bridge2 httpd1
docker exec busybox2 wget -qO- http://httpd1/
# checkpoint
# Way 3: rules of one's own; Docker 28's raw-table drop needs an exception too.
br="br-$(docker network inspect -f '{{.Id}}' my_bridge2 | cut -c1-12)"
ip=$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' httpd1)
iptables -I DOCKER-USER -i "$br" -o docker0 -j ACCEPT
iptables -I DOCKER-USER -i docker0 -o "$br" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
if iptables -t raw -C PREROUTING -d "$ip/32" ! -i docker0 -j DROP 2>/dev/null; then
  iptables -t raw -I PREROUTING -i "$br" -d "$ip" -j ACCEPT
fi
docker exec busybox2 wget -qO- "http://$ip/"
# checkpoint
# Way 2: the article's deletions (and Docker 28's two more), with way 3 undone first.
br="br-$(docker network inspect -f '{{.Id}}' my_bridge2 | cut -c1-12)"
ip=$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' httpd1)
iptables -D DOCKER-USER -i "$br" -o docker0 -j ACCEPT
iptables -D DOCKER-USER -i docker0 -o "$br" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -D DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
iptables -D DOCKER-ISOLATION-STAGE-2 -o "$br" -j DROP
if iptables -t raw -C PREROUTING -d "$ip/32" ! -i docker0 -j DROP 2>/dev/null; then
  iptables -t raw -D PREROUTING -i "$br" -d "$ip" -j ACCEPT
  iptables -t raw -D PREROUTING -d "$ip/32" ! -i docker0 -j DROP
  iptables -D DOCKER ! -i docker0 -o docker0 -j DROP
fi
docker exec busybox2 wget -qO- "http://$ip/"
docker exec nginx1 sh -c 'apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q net-tools' >/dev/null
docker exec nginx1 ifconfig
