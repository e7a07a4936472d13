#!/bin/sh
# Another correct solution: node1's addresses through ip netns exec, chains
# named like kube-proxy's hashes, inserted with -I, and the ClusterIP's
# endpoints DNAT without a port (packets keep port 80, the only port that leads
# there); the NodePort has endpoint chains of its own that name port 80.
set -eu
typed 'ip netns exec node1 ip -br addr'
nat() { ip netns exec node1 iptables -t nat "$@"; }
for chain in KUBE-SERVICES KUBE-NODEPORTS KUBE-SVC-7ZJ3 KUBE-SVC-NP7Z KUBE-SEP-AAAA KUBE-SEP-BBBB KUBE-SEP-NPAA KUBE-SEP-NPBB KUBE-MARK-MASQ KUBE-POSTROUTING; do
  nat -N "$chain"
done
nat -I PREROUTING -j KUBE-SERVICES
nat -I OUTPUT -j KUBE-SERVICES
nat -I POSTROUTING -j KUBE-POSTROUTING
nat -A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
nat -A KUBE-POSTROUTING -m mark --mark 0x4000/0x4000 -j MASQUERADE
nat -A KUBE-SERVICES -d "$cluster_ip" -p tcp --dport 80 -j KUBE-SVC-7ZJ3
nat -A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
nat -A KUBE-NODEPORTS -p tcp --dport "$node_port" -j KUBE-MARK-MASQ
nat -A KUBE-NODEPORTS -p tcp --dport "$node_port" -j KUBE-SVC-NP7Z
nat -A KUBE-SVC-7ZJ3 -m statistic --mode random --probability 0.5 -j KUBE-SEP-AAAA
nat -A KUBE-SVC-7ZJ3 -j KUBE-SEP-BBBB
nat -A KUBE-SEP-AAAA -p tcp -j DNAT --to-destination 10.244.1.2
nat -A KUBE-SEP-BBBB -p tcp -j DNAT --to-destination 10.244.2.2
nat -A KUBE-SVC-NP7Z -m statistic --mode random --probability 0.5 -j KUBE-SEP-NPAA
nat -A KUBE-SVC-NP7Z -j KUBE-SEP-NPBB
nat -A KUBE-SEP-NPAA -p tcp -j DNAT --to-destination 10.244.1.2:80
nat -A KUBE-SEP-NPBB -p tcp -j DNAT --to-destination 10.244.2.2:80
