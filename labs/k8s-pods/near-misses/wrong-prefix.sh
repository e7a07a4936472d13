#!/bin/sh
# pod-a got its address with /32, so it has no on-link route to its gateway.
# expect: plumb-pod-a: is 10.244.1.2/24
set -eu
ip netns add pod-a
ip -n node1 link add veth-pod-a type veth peer name eth0 netns pod-a
ip -n node1 link set veth-pod-a master cni0 up
ip -n pod-a addr add 10.244.1.2/32 dev eth0
ip -n pod-a link set eth0 up
ip -n pod-a link set lo up
