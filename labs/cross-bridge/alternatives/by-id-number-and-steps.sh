#!/bin/sh
# Another correct solution: httpd1 connected by its id, the DOCKER-USER rules
# appended and narrowed to port 80, rules deleted by their numbers, net-tools
# installed in steps and ifconfig run by path.
set -eu
docker network connect my_bridge2 "$(docker inspect -f '{{.Id}}' httpd1)"
# checkpoint
br="br-$(docker network inspect -f '{{.Id}}' my_bridge2 | cut -c1-12)"
ip=$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' httpd1)
iptables -I DOCKER-USER 1 -i docker0 -o "$br" -m state --state ESTABLISHED -j ACCEPT
iptables -I DOCKER-USER 2 -i "$br" -o docker0 -p tcp --dport 80 -j ACCEPT
if iptables -t raw -S PREROUTING | grep -q -- "-d $ip/32 ! -i docker0 -j DROP"; then
  iptables -t raw -I PREROUTING 1 -s 192.168.31.0/24 -d "$ip" -i "$br" -p tcp --dport 80 -j ACCEPT
fi
# checkpoint
ip=$(docker inspect -f '{{.NetworkSettings.Networks.bridge.IPAddress}}' httpd1)
# Our two rules come first in DOCKER-USER, Docker's two DROPs first in STAGE-2.
iptables -D DOCKER-USER 1
iptables -D DOCKER-USER 1
iptables -D DOCKER-ISOLATION-STAGE-2 1
iptables -D DOCKER-ISOLATION-STAGE-2 1
if iptables -t raw -S PREROUTING | grep -q -- "-d $ip/32 ! -i docker0 -j DROP"; then
  iptables -t raw -D PREROUTING 1
  n=$(iptables -t raw -L PREROUTING -n --line-numbers | awk -v ip="$ip" '$NF == ip { print $1; exit }')
  iptables -t raw -D PREROUTING "$n"
  n=$(iptables -L DOCKER -n -v --line-numbers | awk '$4 == "DROP" && $7 == "!docker0" && $8 == "docker0" { print $1; exit }')
  iptables -D DOCKER "$n"
fi
docker exec nginx1 apt-get update -q >/dev/null
docker exec -e DEBIAN_FRONTEND=noninteractive nginx1 apt-get install -y -q net-tools >/dev/null
docker exec nginx1 /sbin/ifconfig eth0 >/dev/null
