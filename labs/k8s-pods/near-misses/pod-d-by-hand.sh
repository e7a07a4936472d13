#!/bin/sh
# pod-d was plumbed by hand, the way pod-a was: it works, but no plugin ran, so
# host-local has no record of its address.
# expect: cni-pod-d: it exited with 2
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
mkdir -p /etc/cni/net.d
ip netns add pod-d
ip -n node2 link add veth-pod-d type veth peer name eth0 netns pod-d
ip -n node2 link set veth-pod-d master cni0 up
ip -n pod-d addr add 10.244.2.10/24 dev eth0
ip -n pod-d link set eth0 up
ip -n pod-d route add default via 10.244.2.1
