#!/bin/sh
# node2's kube-proxy has written the web Service as well, naming its chains the
# way kube-proxy does (KUBE-SVC-/KUBE-SEP- and a hash; random here, so that every
# machine has names of its own, which the reader must read from iptables).
set -eu
hash16() { head -c 10 /dev/urandom | base32 | cut -c1-16; }
svc="KUBE-SVC-$(hash16)"
sepb="KUBE-SEP-$(hash16)"
sepc="KUBE-SEP-$(hash16)"
nat() { ip netns exec node2 iptables -t nat "$@"; }
for chain in KUBE-SERVICES "$svc" "$sepb" "$sepc"; do
  nat -N "$chain"
done
nat -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
nat -A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
nat -A KUBE-SERVICES -d "{{cluster_ip}}/32" -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j "$svc"
nat -A "$svc" -m comment --comment "default/web -> 10.244.2.2:80" -m statistic --mode random --probability 0.5 -j "$sepb"
nat -A "$svc" -m comment --comment "default/web -> 10.244.2.3:80" -j "$sepc"
nat -A "$sepb" -p tcp -m comment --comment default/web -m tcp -j DNAT --to-destination 10.244.2.2:80
nat -A "$sepc" -p tcp -m comment --comment default/web -m tcp -j DNAT --to-destination 10.244.2.3:80
