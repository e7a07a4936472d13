/**
 * The Service of chapter 8, simplified from what kube-proxy (iptables mode) writes,
 * written with iptables-restore syntax as kube-proxy does. Chain names keep
 * kube-proxy's prefixes; kube-proxy ends them in a hash of the service and
 * endpoint, which is shortened here to a readable name.
 */
export const SERVICE_RULES = `cat > kube-services.rules <<'EOF'
*nat
:KUBE-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-SVC-WEB - [0:0]
:KUBE-SEP-WEB-A - [0:0]
:KUBE-SEP-WEB-C - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-POSTROUTING - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A KUBE-SERVICES -d 10.96.0.100/32 -p tcp -m comment --comment "default/web cluster IP" -m tcp --dport 80 -j KUBE-SVC-WEB
-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 30080 -j KUBE-MARK-MASQ
-A KUBE-NODEPORTS -p tcp -m comment --comment "default/web" -m tcp --dport 30080 -j KUBE-SVC-WEB
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.1.2:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-WEB-A
-A KUBE-SVC-WEB -m comment --comment "default/web -> 10.244.2.2:80" -j KUBE-SEP-WEB-C
-A KUBE-SEP-WEB-A -s 10.244.1.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-WEB-A -p tcp -m tcp -j DNAT --to-destination 10.244.1.2:80
-A KUBE-SEP-WEB-C -s 10.244.2.2/32 -j KUBE-MARK-MASQ
-A KUBE-SEP-WEB-C -p tcp -m tcp -j DNAT --to-destination 10.244.2.2:80
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark --mark 0x4000/0x4000 -j MASQUERADE
COMMIT
EOF`;
