#!/bin/sh
# pod-a is plugged into a bridge called cni0, but one made on the machine, not node1's.
# expect: plumb-pod-a: but that bridge is in the machine (host), not in node1
set -eu
ip link add cni0 type bridge
ip addr add 10.244.1.1/24 dev cni0
ip link set cni0 up
ip netns add pod-a
ip link add veth-pod-a type veth peer name eth0 netns pod-a
ip link set veth-pod-a master cni0 up
ip -n pod-a addr add 10.244.1.2/24 dev eth0
ip -n pod-a link set eth0 up
ip -n pod-a link set lo up
ip -n pod-a route add default via 10.244.1.1
