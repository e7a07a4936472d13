#!/bin/sh
# On top of the two-node cluster (../k8s-pods): a second backend pod, two Services
# in node1's nat table as kube-proxy writes them, and the ingress controller's
# container, not yet wired to the pod network.
#   web  10.96.0.10:80 -> pod-b 10.244.2.2, pod-c 10.244.2.3
#   api  10.96.0.20:80 -> pod-d 10.244.2.4 (serves / and /api/)
set -eu
ip netns add pod-d
ip -n node2 link add veth-pod-d type veth peer name eth0 netns pod-d
ip -n node2 link set veth-pod-d master cni0 up
ip -n pod-d addr add 10.244.2.4/24 dev eth0
ip -n pod-d link set eth0 up
ip -n pod-d link set lo up
ip -n pod-d route add default via 10.244.2.1
mkdir -p /srv/pod-d/api
echo 'api pod-d: {"ok": true}' >/srv/pod-d/index.html
cp /srv/pod-d/index.html /srv/pod-d/api/index.html
ip netns exec pod-d busybox httpd -p 80 -h /srv/pod-d

nat() { ip netns exec node1 iptables -t nat "$@"; }
for chain in KUBE-SERVICES KUBE-SVC-WEB80 KUBE-SVC-API80 KUBE-SEP-PODB KUBE-SEP-PODC KUBE-SEP-PODD; do
  nat -N "$chain"
done
nat -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
nat -A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
nat -A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-WEB80
nat -A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment "default/api cluster IP" -m tcp --dport 80 -j KUBE-SVC-API80
nat -A KUBE-SVC-WEB80 -m statistic --mode random --probability 0.5 -j KUBE-SEP-PODB
nat -A KUBE-SVC-WEB80 -j KUBE-SEP-PODC
nat -A KUBE-SVC-API80 -j KUBE-SEP-PODD
nat -A KUBE-SEP-PODB -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:80
nat -A KUBE-SEP-PODC -p tcp -m tcp -j DNAT --to-destination 10.244.2.3:80
nat -A KUBE-SEP-PODD -p tcp -m tcp -j DNAT --to-destination 10.244.2.4:80

# The ingress controller: nginx, with no network yet; its config folder is /root/ingress.
mkdir -p /root/ingress
printf '# Your ingress rules go here; reload with: docker exec ingress nginx -s reload\n' >/root/ingress/ingress.conf
docker run -d --name ingress --network none -v /root/ingress:/etc/nginx/conf.d nginx >/dev/null
