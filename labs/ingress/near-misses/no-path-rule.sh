#!/bin/sh
# Only the host rules exist; requests for the bare domain fall through to nginx's default site.
# expect: route-by-path: it answered 404
set -eu
# Wire the ingress container into node1's pod network, as a CNI plugin would.
pid=$(docker inspect -f '{{.State.Pid}}' ingress)
ip -n node1 link add veth-ingress type veth peer name eth0 netns "/proc/$pid/ns/net"
ip -n node1 link set veth-ingress master cni0 up
nsenter -t "$pid" -n ip addr add 10.244.1.10/24 dev eth0
nsenter -t "$pid" -n ip link set eth0 up
nsenter -t "$pid" -n ip route add default via 10.244.1.1

cat >/root/ingress/ingress.conf <<CONF
server {
    listen 80;
    server_name web.$domain;
    location / { proxy_pass http://10.96.0.10; }
}
server {
    listen 80;
    server_name api.$domain;
    location / { proxy_pass http://10.96.0.20; }
}
CONF
docker exec ingress nginx -s reload
sleep 0.5
