#!/bin/sh
# node1 rewrites pod-a's address to 10.244.1.254 on the way out: pod-c sees an
# address that starts like pod-a's, but is not it.
# expect: no-nat: it answered 200: [::ffff:10.244.1.254]
set -eu
ip netns add pod-a
ip -n node1 link add veth-pod-a type veth peer name eth0 netns pod-a
ip -n node1 link set veth-pod-a master cni0 up
ip -n pod-a addr add 10.244.1.2/24 dev eth0
ip -n pod-a link set eth0 up
ip -n pod-a link set lo up
ip -n pod-a route add default via 10.244.1.1
ip -n node1 route add 10.244.2.0/24 via 192.168.50.12
ip -n node2 route add 10.244.1.0/24 via 192.168.50.11
ip netns exec node1 iptables -t nat -A POSTROUTING -s 10.244.1.2 -d 10.244.2.0/24 -j SNAT --to-source 10.244.1.254
