#!/bin/sh
# pod-c's endpoint DNATs to port 8080, where nothing listens.
# expect: spread-load: --to-destination 10.244.2.2:80
set -eu
nat() { ip netns exec node1 iptables -t nat "$@"; }

for chain in KUBE-SERVICES KUBE-NODEPORTS KUBE-SVC-WEB KUBE-SEP-WEB-A KUBE-SEP-WEB-C KUBE-MARK-MASQ KUBE-POSTROUTING; do
  nat -N "$chain"
done
nat -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
nat -A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
nat -A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
nat -A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
nat -A KUBE-POSTROUTING -m mark --mark 0x4000/0x4000 -j MASQUERADE
nat -A KUBE-SERVICES -d "$cluster_ip/32" -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-WEB
nat -A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
nat -A KUBE-NODEPORTS -p tcp -m tcp --dport "$node_port" -j KUBE-MARK-MASQ
nat -A KUBE-NODEPORTS -p tcp -m tcp --dport "$node_port" -j KUBE-SVC-WEB
nat -A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.2:80" -m statistic --mode random --probability 0.5 -j KUBE-SEP-WEB-A
nat -A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.2.2:80" -j KUBE-SEP-WEB-C
nat -A KUBE-SEP-WEB-A -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:80
nat -A KUBE-SEP-WEB-C -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:8080
