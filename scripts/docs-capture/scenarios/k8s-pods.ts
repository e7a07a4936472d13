/**
 * Chapter 7: the Kubernetes pod network and Services, built from Linux
 * primitives: network namespaces as nodes and pods, a bridge per node, a veth
 * per pod, routes between nodes, and kube-proxy-style iptables chains.
 */
import type { Scenario, Step } from '../types.ts';
import { SERVICE_RULES } from './k8s-rules.ts';

/** The commands that make one node: a namespace plugged into the LAN bridge. */
function node(name: string, ip: string): string {
  return [
    `ip netns add ${name}`,
    `ip link add ${name}-eth0 type veth peer name eth0 netns ${name}`,
    `ip link set ${name}-eth0 master lan0 up`,
    `ip -n ${name} addr add ${ip}/24 dev eth0`,
    `ip -n ${name} link set eth0 up`,
    `ip -n ${name} link set lo up`,
  ].join('\n');
}

/** What a bridge CNI plugin does for one pod. */
function pod(name: string, nodeName: string, ip: string, gateway: string): string {
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

function cni0(nodeName: string, gateway: string): string {
  return [
    `ip -n ${nodeName} link add cni0 type bridge`,
    `ip -n ${nodeName} addr add ${gateway}/24 dev cni0`,
    `ip -n ${nodeName} link set cni0 up`,
  ].join('\n');
}

const curlNodePort = (ip: string): string =>
  `for i in 1 2 3 4 5 6 7 8; do curl -s -m 2 http://${ip}:30080/ || echo "(no answer)"; done`;

const steps: Step[] = [
  {
    name: 'lan',
    cmd: [
      'ip link add lan0 type bridge',
      'ip addr add 192.168.50.1/24 dev lan0',
      'ip link set lan0 up',
    ].join('\n'),
  },
  { name: 'node1', cmd: node('node1', '192.168.50.11') },
  { name: 'node2', cmd: node('node2', '192.168.50.12') },
  {
    name: 'node-ping',
    cmd: 'ip netns exec node1 ping -c 2 192.168.50.12',
    expect: ['0% packet loss'],
  },
  { name: 'cni0', cmd: [cni0('node1', '10.244.1.1'), cni0('node2', '10.244.2.1')].join('\n') },
  { name: 'pod-a', cmd: pod('pod-a', 'node1', '10.244.1.2', '10.244.1.1') },
  {
    name: 'pod-a-view',
    cmd: ['ip -n pod-a addr show eth0', 'ip -n pod-a route'].join('\n'),
    expect: ['inet 10.244.1.2/24', 'default via 10.244.1.1'],
  },
  {
    name: 'pod-b-c',
    cmd: [
      pod('pod-b', 'node1', '10.244.1.3', '10.244.1.1'),
      pod('pod-c', 'node2', '10.244.2.2', '10.244.2.1'),
    ].join('\n'),
  },
  { name: 'netns-list', cmd: 'ip netns list', expect: ['pod-c', 'node2'] },
  {
    name: 'node1-bridge',
    cmd: 'ip netns exec node1 bridge link show',
    expect: ['veth-pod-a', 'veth-pod-b'],
  },
  { name: 'same-node', cmd: 'ip netns exec pod-a ping -c 2 10.244.1.3', expect: ['ttl=64'] },
  {
    name: 'cross-node-unreachable',
    cmd: 'ip netns exec pod-a ping -c 2 -W 1 10.244.2.2',
    fails: true,
    expect: ['Destination Net Unreachable'],
  },
  {
    name: 'routes',
    cmd: [
      'ip -n node1 route add 10.244.2.0/24 via 192.168.50.12',
      'ip -n node2 route add 10.244.1.0/24 via 192.168.50.11',
      'ip -n node1 route',
    ].join('\n'),
    expect: ['10.244.2.0/24 via 192.168.50.12 dev eth0'],
  },
  {
    name: 'cross-node',
    cmd: 'ip netns exec pod-a ping -c 2 10.244.2.2',
    expect: ['ttl=62', '0% packet loss'],
  },
  {
    name: 'no-nat',
    cmd: 'ip netns exec node2 tcpdump -ni cni0 -c 2 icmp & sleep 1; ip netns exec pod-a ping -c 1 10.244.2.2 >/dev/null; wait',
    expect: ['10.244.1.2 > 10.244.2.2: ICMP echo request'],
  },
  {
    name: 'servers',
    cmd: [
      'mkdir -p /srv/pod-a /srv/pod-c',
      "echo 'hello from pod-a (10.244.1.2)' > /srv/pod-a/index.html",
      "echo 'hello from pod-c (10.244.2.2)' > /srv/pod-c/index.html",
      'ip netns exec pod-a busybox httpd -p 80 -h /srv/pod-a',
      'ip netns exec pod-c busybox httpd -p 80 -h /srv/pod-c',
      'ip netns exec pod-b curl -s http://10.244.2.2/',
    ].join('\n'),
    expect: ['hello from pod-c'],
  },
  { name: 'rules-file', cmd: SERVICE_RULES },
  {
    name: 'rules-load',
    cmd: [
      'ip netns exec node1 iptables-restore --noflush < kube-services.rules',
      'ip netns exec node2 iptables-restore --noflush < kube-services.rules',
      'ip netns exec node1 iptables -t nat -L KUBE-SERVICES -n',
    ].join('\n'),
    expect: ['KUBE-SVC-WEB'],
  },
  {
    name: 'curl-service',
    cmd: 'for i in $(seq 1 10); do ip netns exec pod-b curl -s http://10.96.0.100/; done',
    expect: ['hello from pod-a', 'hello from pod-c'],
  },
  {
    name: 'br-netfilter',
    cmd: 'ip netns exec node1 sysctl net.bridge.bridge-nf-call-iptables',
    expect: ['net.bridge.bridge-nf-call-iptables = 1'],
  },
  {
    name: 'counters',
    cmd: 'ip netns exec node1 iptables -t nat -L KUBE-SVC-WEB -n -v',
    expect: ['statistic mode random'],
  },
  {
    name: 'conntrack',
    cmd: 'ip netns exec node1 grep -m 3 "dst=10.96.0.100" /proc/net/nf_conntrack',
    expect: ['dst=10.96.0.100'],
  },
  {
    name: 'no-ping',
    cmd: 'ip netns exec pod-b ping -c 1 -W 1 10.96.0.100',
    fails: true,
    expect: ['100% packet loss'],
  },
  {
    name: 'nodeport',
    cmd: curlNodePort('192.168.50.12'),
    expect: ['hello from pod-a', 'hello from pod-c'],
  },
  {
    name: 'nodeport-conntrack',
    cmd: 'ip netns exec node2 grep -m 2 "dport=30080" /proc/net/nf_conntrack',
    expect: ['dport=30080'],
  },
  {
    name: 'no-masquerade',
    cmd: [
      'ip netns exec node2 iptables -t nat -D KUBE-NODEPORTS 1',
      curlNodePort('192.168.50.12'),
    ].join('\n'),
    expect: ['(no answer)', 'hello from pod-c'],
  },
];

export const k8sPods: Scenario = { chapter: 'k8s-pods', steps };
