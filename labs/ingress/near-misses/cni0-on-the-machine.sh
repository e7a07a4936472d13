#!/bin/sh
# The ingress pod is plugged into a bridge named cni0, but a new one on the machine.
# expect: wire-ingress: but that bridge is in the machine (host), not in node1
set -eu
ip link add cni0 type bridge
ip addr add 10.244.1.1/24 dev cni0
ip link set cni0 up
pid=$(docker inspect -f '{{.State.Pid}}' ingress)
ip link add veth-ingress type veth peer name eth0 netns "/proc/$pid/ns/net"
ip link set veth-ingress master cni0 up
nsenter -t "$pid" -n ip addr add 10.244.1.10/24 dev eth0
nsenter -t "$pid" -n ip link set eth0 up
nsenter -t "$pid" -n ip route add default via 10.244.1.1
