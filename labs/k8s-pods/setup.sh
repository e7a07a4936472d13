#!/bin/sh
# Chapter 7's two-node "cluster", built from Linux primitives with the chapter's
# own names and addresses:
#   lan0 (192.168.50.1/24) on the machine joins node1 (.11) and node2 (.12),
#   each node a network namespace with its own bridge cni0 (10.244.<n>.1/24).
# pod-b (10.244.1.3) already runs on node1 and pod-c (10.244.2.2) on node2, made as
# the chapter makes them; pod-c serves HTTP, and /cgi-bin/whoami prints the caller's
# address. The reader adds pod-a on node1, the routes, and pod-d through the real
# CNI plugins.
set -eu
ip link add lan0 type bridge
ip addr add 192.168.50.1/24 dev lan0
ip link set lan0 up
for n in 1 2; do
  ip netns add "node$n"
  ip link add "node$n-eth0" type veth peer name eth0 netns "node$n"
  ip link set "node$n-eth0" master lan0 up
  ip -n "node$n" addr add "192.168.50.1$n/24" dev eth0
  ip -n "node$n" link set eth0 up
  ip -n "node$n" link set lo up
  ip -n "node$n" link add cni0 type bridge
  ip -n "node$n" addr add "10.244.$n.1/24" dev cni0
  ip -n "node$n" link set cni0 up
done
# pod NAME NODE ADDRESS: what a bridge CNI plugin does, by hand.
pod() {
  ip netns add "$1"
  ip -n "$2" link add "veth-$1" type veth peer name eth0 netns "$1"
  ip -n "$2" link set "veth-$1" master cni0 up
  ip -n "$1" addr add "$3/24" dev eth0
  ip -n "$1" link set eth0 up
  ip -n "$1" link set lo up
  ip -n "$1" route add default via "${3%.*}.1"
}
pod pod-b node1 10.244.1.3
pod pod-c node2 10.244.2.2
mkdir -p /srv/pod-c/cgi-bin
echo "hello from pod-c (10.244.2.2)" >/srv/pod-c/index.html
printf '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n%%s\\n" "$REMOTE_ADDR"\n' >/srv/pod-c/cgi-bin/whoami
chmod +x /srv/pod-c/cgi-bin/whoami
ip netns exec pod-c busybox httpd -p 80 -h /srv/pod-c
