#!/bin/sh
# Another correct solution: the veth made on the machine and both ends moved,
# another name for the node end, commands through ip netns exec, and one wide
# route each way (10.244.0.0/16): each node's own /24 on cni0 is more specific.
set -eu
ip netns add pod-a
ip link add vpa type veth peer name eth0
ip link set eth0 netns pod-a
ip link set vpa netns node1
ip netns exec node1 ip link set vpa master cni0
ip netns exec node1 ip link set vpa up
ip netns exec pod-a ip addr add 10.244.1.2/24 dev eth0
ip netns exec pod-a ip link set eth0 up
ip netns exec pod-a ip link set lo up
ip netns exec pod-a ip route add default via 10.244.1.1 dev eth0
ip netns exec node1 ip route add 10.244.0.0/16 via 192.168.56.12
ip netns exec node2 ip route add 10.244.0.0/16 via 192.168.56.11
