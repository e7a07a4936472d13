#!/bin/sh
# Another correct solution: the veth made inside node1 under another name and
# its end moved with nsenter --net, one configuration file per host, and the
# /api/ prefix stripped on the way (pod-d serves / and /api/ alike).
set -eu
pid=$(docker inspect -f '{{.State.Pid}}' ingress)
ip netns exec node1 ip link add ing0 type veth peer name eth0 netns "/proc/$pid/ns/net"
ip netns exec node1 ip link set ing0 master cni0
ip netns exec node1 ip link set ing0 up
nsenter --net="/proc/$pid/ns/net" ip address add 10.244.1.10/24 dev eth0
nsenter --net="/proc/$pid/ns/net" ip link set eth0 up
nsenter --net="/proc/$pid/ns/net" ip route add default via 10.244.1.1 dev eth0
rm -f /root/ingress/ingress.conf
printf 'server {\n  listen 80;\n  server_name web.%s;\n  location / { proxy_pass http://10.96.0.10; }\n}\n' "$domain" >/root/ingress/web.conf
printf 'server {\n  listen 80;\n  server_name api.%s;\n  location / { proxy_pass http://10.96.0.20; }\n}\n' "$domain" >/root/ingress/api.conf
printf 'server {\n  listen 80;\n  server_name %s;\n  location /api/ { proxy_pass http://10.96.0.20/; }\n  location / { proxy_pass http://10.96.0.10; }\n}\n' "$domain" >/root/ingress/apex.conf
docker exec ingress nginx -s reload
sleep 0.5
