#!/bin/sh
# Chapter 8's starting point, on top of chapter 7's cluster (../k8s-pods/setup.sh:
# lan0, node1, node2, pod-b on node1, pod-c on node2): pod-a on node1, the routes
# between the nodes, and the two backends' pages, as the chapter makes them.
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
mkdir -p /srv/pod-a
echo 'hello from pod-a (10.244.1.2)' >/srv/pod-a/index.html
ip netns exec pod-a busybox httpd -p 80 -h /srv/pod-a

# node2's kube-proxy has written the web Service as well, naming its chains the
# way kube-proxy does (KUBE-SVC-/KUBE-SEP- and a hash; random here, so that every
# machine has names of its own, which the reader must read from iptables).
hash16() { head -c 10 /dev/urandom | base32 | cut -c1-16; }
svc="KUBE-SVC-$(hash16)"
sepa="KUBE-SEP-$(hash16)"
sepc="KUBE-SEP-$(hash16)"
nat() { ip netns exec node2 iptables -t nat "$@"; }
for chain in KUBE-SERVICES "$svc" "$sepa" "$sepc"; do
  nat -N "$chain"
done
nat -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
nat -A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
nat -A KUBE-SERVICES -d "{{cluster_ip}}/32" -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j "$svc"
nat -A "$svc" -m comment --comment "default/web -> 10.244.1.2:80" -m statistic --mode random --probability 0.5 -j "$sepa"
nat -A "$svc" -m comment --comment "default/web -> 10.244.2.2:80" -j "$sepc"
nat -A "$sepa" -p tcp -m comment --comment default/web -m tcp -j DNAT --to-destination 10.244.1.2:80
nat -A "$sepc" -p tcp -m comment --comment default/web -m tcp -j DNAT --to-destination 10.244.2.2:80
