#!/bin/sh
# The pod network lab, solved as chapter 7 does it: pod-a on node1, routes between
# the nodes' pod subnets, then pod-d on node2 plumbed by the real bridge and
# host-local plugins from a CNI config.
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
cat >/etc/cni/net.d/10-podnet.conf <<'CONF'
{
  "cniVersion": "1.0.0",
  "name": "podnet",
  "type": "bridge",
  "bridge": "cni0",
  "isGateway": true,
  "ipam": {
    "type": "host-local",
    "ranges": [[{ "subnet": "10.244.2.0/24", "rangeStart": "10.244.2.10" }]],
    "routes": [{ "dst": "0.0.0.0/0" }]
  }
}
CONF
ip netns add pod-d
ip netns exec node2 env CNI_COMMAND=ADD CNI_CONTAINERID=pod-d CNI_NETNS=/run/netns/pod-d \
  CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni /usr/lib/cni/bridge </etc/cni/net.d/10-podnet.conf
