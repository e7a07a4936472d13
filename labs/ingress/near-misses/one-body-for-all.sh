#!/bin/sh
# nginx answers every request itself with one fixed page naming both backends:
# nothing is routed to any Service.
# expect: route-by-host: it answered 200: hello from pod-b api pod-d
set -eu
pid=$(docker inspect -f '{{.State.Pid}}' ingress)
ip -n node1 link add veth-ingress type veth peer name eth0 netns "/proc/$pid/ns/net"
ip -n node1 link set veth-ingress master cni0 up
nsenter -t "$pid" -n ip addr add 10.244.1.10/24 dev eth0
nsenter -t "$pid" -n ip link set eth0 up
nsenter -t "$pid" -n ip route add default via 10.244.1.1
cat >/root/ingress/ingress.conf <<CONF
server {
    listen 80;
    server_name web.$domain api.$domain $domain;
    location / { default_type text/plain; return 200 "hello from pod-b api pod-d"; }
}
CONF
docker exec ingress nginx -s reload
sleep 0.5
