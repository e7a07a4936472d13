#!/bin/sh
# node1 knows the way to node2's pods, but node2 has no route back.
# expect: route-between-nodes: node2 has no route for 10.244.1.0/24
set -eu
ip netns add pod-a
ip -n node1 link add veth-pod-a type veth peer name eth0 netns pod-a
ip -n node1 link set veth-pod-a master cni0 up
ip -n pod-a addr add 10.244.1.2/24 dev eth0
ip -n pod-a link set eth0 up
ip -n pod-a link set lo up
ip -n pod-a route add default via 10.244.1.1
ip -n node1 route add 10.244.2.0/24 via 192.168.50.12
