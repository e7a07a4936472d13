#!/bin/sh
# A two-node "cluster" built from Linux primitives, as a bridge CNI plugin would:
#   lan0 (192.168.56.1/24) on the machine joins node1 (.11) and node2 (.12),
#   each node a network namespace with its own bridge cni0 (10.244.<n>.1/24).
# node2 already runs two pods (network namespaces) serving HTTP:
#   pod-b 10.244.2.2 and pod-c 10.244.2.3; /cgi-bin/whoami prints the caller's address.
set -eu
ip link add lan0 type bridge
ip addr add 192.168.56.1/24 dev lan0
ip link set lan0 up
for n in 1 2; do
  ip netns add "node$n"
  ip link add "eth-node$n" type veth peer name eth0 netns "node$n"
  ip link set "eth-node$n" master lan0 up
  ip -n "node$n" addr add "192.168.56.1$n/24" dev eth0
  ip -n "node$n" link set eth0 up
  ip -n "node$n" link set lo up
  ip -n "node$n" route add default via 192.168.56.1
  ip -n "node$n" link add cni0 type bridge
  ip -n "node$n" addr add "10.244.$n.1/24" dev cni0
  ip -n "node$n" link set cni0 up
done
# pod NAME NODE ADDRESS: a netns joined to the node's cni0 by a veth pair.
pod() {
  ip netns add "$1"
  ip -n "$2" link add "veth-$1" type veth peer name eth0 netns "$1"
  ip -n "$2" link set "veth-$1" master cni0 up
  ip -n "$1" addr add "$3/24" dev eth0
  ip -n "$1" link set eth0 up
  ip -n "$1" link set lo up
  ip -n "$1" route add default via "${3%.*}.1"
}
for p in pod-b:10.244.2.2 pod-c:10.244.2.3; do
  name=${p%%:*}
  pod "$name" node2 "${p#*:}"
  mkdir -p "/srv/$name/cgi-bin"
  echo "hello from $name" >"/srv/$name/index.html"
  printf '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n%%s\\n" "$REMOTE_ADDR"\n' >"/srv/$name/cgi-bin/whoami"
  chmod +x "/srv/$name/cgi-bin/whoami"
  ip netns exec "$name" busybox httpd -p 80 -h "/srv/$name"
done
