#!/bin/sh
# The veth is there, but its node end was never enslaved to cni0.
# expect: plumb-pod-a: is not plugged into any bridge
set -eu
ip netns add pod-a
ip -n node1 link add veth-pod-a type veth peer name eth0 netns pod-a
ip -n node1 link set veth-pod-a up
ip -n pod-a addr add 10.244.1.2/24 dev eth0
ip -n pod-a link set eth0 up
ip -n pod-a route add default via 10.244.1.1
