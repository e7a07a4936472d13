#!/bin/sh
# Another correct solution: the veth made on the machine and both ends moved,
# another name for the node end, commands through ip netns exec, and one wide
# route each way (10.244.0.0/16): each node's own /24 on cni0 is more specific; pod-d
# through the plugins with the config written otherwise.
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
ip netns exec node1 ip route add 10.244.0.0/16 via 192.168.50.12
ip netns exec node2 ip route add 10.244.0.0/16 via 192.168.50.11
# pod-d: the config in a file of another name, the plugin run through nsenter, its
# variables exported first.
mkdir -p /etc/cni/net.d
printf '%s\n' '{"cniVersion":"1.0.0","name":"podnet","type":"bridge","bridge":"cni0",' \
  '"isGateway":true,"ipam":{"type":"host-local","routes":[{"dst":"0.0.0.0/0"}],' \
  '"ranges":[[{"subnet":"10.244.2.0/24","rangeStart":"10.244.2.10","rangeEnd":"10.244.2.99"}]]}}' \
  >/etc/cni/net.d/20-pods.conf
ip netns add pod-d
export CNI_COMMAND=ADD CNI_CONTAINERID=pod-d CNI_NETNS=/var/run/netns/pod-d CNI_IFNAME=eth0 \
  CNI_PATH=/usr/lib/cni
nsenter --net=/run/netns/node2 /usr/lib/cni/bridge </etc/cni/net.d/20-pods.conf >/dev/null
