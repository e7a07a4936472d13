/**
 * The two-node "cluster" of chapters 7 and 8, built from Linux primitives:
 * network namespaces as nodes and pods, the bridge lan0 between the nodes, a
 * bridge cni0 per node and a veth pair per pod. Chapter 7 shows every command;
 * chapter 8 runs them unseen (BUILD_CLUSTER) before its first step.
 */

export const LAN = [
  'ip link add lan0 type bridge',
  'ip addr add 192.168.50.1/24 dev lan0',
  'ip link set lan0 up',
].join('\n');

/** The commands that make one node: a namespace plugged into the LAN bridge. */
export function node(name: string, ip: string): string {
  return [
    `ip netns add ${name}`,
    `ip link add ${name}-eth0 type veth peer name eth0 netns ${name}`,
    `ip link set ${name}-eth0 master lan0 up`,
    `ip -n ${name} addr add ${ip}/24 dev eth0`,
    `ip -n ${name} link set eth0 up`,
    `ip -n ${name} link set lo up`,
  ].join('\n');
}

/** The node's bridge for its pods; its address is the pods' gateway. */
export function cni0(nodeName: string, gateway: string): string {
  return [
    `ip -n ${nodeName} link add cni0 type bridge`,
    `ip -n ${nodeName} addr add ${gateway}/24 dev cni0`,
    `ip -n ${nodeName} link set cni0 up`,
  ].join('\n');
}

/** What a bridge CNI plugin does for one pod. */
export function pod(name: string, nodeName: string, ip: string, gateway: string): string {
  return [
    `ip netns add ${name}`,
    `ip -n ${nodeName} link add veth-${name} type veth peer name eth0 netns ${name}`,
    `ip -n ${nodeName} link set veth-${name} master cni0 up`,
    `ip -n ${name} addr add ${ip}/24 dev eth0`,
    `ip -n ${name} link set eth0 up`,
    `ip -n ${name} link set lo up`,
    `ip -n ${name} route add default via ${gateway}`,
  ].join('\n');
}

/** Each node routes the other node's pod subnet to that node. */
export const ROUTES = [
  'ip -n node1 route add 10.244.2.0/24 via 192.168.50.12',
  'ip -n node2 route add 10.244.1.0/24 via 192.168.50.11',
].join('\n');

/** The whole cluster of chapter 7, in one script. */
export const BUILD_CLUSTER = [
  LAN,
  node('node1', '192.168.50.11'),
  node('node2', '192.168.50.12'),
  cni0('node1', '10.244.1.1'),
  cni0('node2', '10.244.2.1'),
  pod('pod-a', 'node1', '10.244.1.2', '10.244.1.1'),
  pod('pod-b', 'node1', '10.244.1.3', '10.244.1.1'),
  pod('pod-c', 'node2', '10.244.2.2', '10.244.2.1'),
  ROUTES,
].join('\n');

/**
 * A CNI network config for node2's pods, as a runtime finds it in
 * /etc/cni/net.d: the bridge plugin on cni0, addresses from host-local. The
 * range starts at .10 because host-local knows only the addresses it handed
 * out itself, not the pods made by hand.
 */
export const CNI_CONF = `mkdir -p /etc/cni/net.d
cat > /etc/cni/net.d/10-podnet.conf <<'EOF'
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
EOF`;

/**
 * What a CRI runtime does for a new pod on node2, by hand: runs the plugin the
 * config names, in the node's namespace, with the CNI variables and the config
 * on stdin.
 */
export const CNI_ADD = [
  'ip netns exec node2 env CNI_COMMAND=ADD CNI_CONTAINERID=pod-d \\',
  '  CNI_NETNS=/run/netns/pod-d CNI_IFNAME=eth0 CNI_PATH=/usr/lib/cni \\',
  '  /usr/lib/cni/bridge < /etc/cni/net.d/10-podnet.conf',
].join('\n');
