/**
 * Chapter 7: the Kubernetes pod network, built from Linux primitives: network
 * namespaces as nodes and pods, a bridge per node, a veth pair per pod and
 * routes between the nodes — then the real bridge and host-local CNI plugins
 * (Debian's containernetworking-plugins) plumb one more pod from a CNI config.
 */
import type { Scenario, Step } from '../types.ts';
import { CNI_ADD, CNI_CONF, LAN, ROUTES, cni0, node, pod } from './k8s-cluster.ts';

const steps: Step[] = [
  { name: 'lan', cmd: LAN },
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
    cmd: [ROUTES, 'ip -n node1 route'].join('\n'),
    expect: ['10.244.2.0/24 via 192.168.50.12 dev eth0'],
  },
  {
    name: 'cross-node',
    cmd: 'ip netns exec pod-a ping -c 2 10.244.2.2',
    expect: ['ttl=62', '0% packet loss'],
  },
  {
    // Reading only: the lab machine's namespaces inherit forwarding from the real host.
    name: 'node-forwarding',
    cmd: 'ip netns exec node1 sysctl net.ipv4.ip_forward',
    expect: ['net.ipv4.ip_forward = 1'],
  },
  {
    name: 'no-nat',
    cmd: 'ip netns exec node2 tcpdump -ni cni0 -c 2 icmp & sleep 1; ip netns exec pod-a ping -c 1 10.244.2.2 >/dev/null; wait',
    expect: ['10.244.1.2 > 10.244.2.2: ICMP echo request'],
  },
  { name: 'cni-plugins', cmd: 'ls /usr/lib/cni', expect: ['bridge', 'host-local'] },
  { name: 'cni-conf', cmd: CNI_CONF },
  {
    name: 'cni-add',
    cmd: ['ip netns add pod-d', CNI_ADD].join('\n'),
    expect: ['"address": "10.244.2.10/24"', '"gateway": "10.244.2.1"'],
  },
  {
    name: 'cni-pod-view',
    cmd: ['ip -n pod-d addr show eth0', 'ip -n pod-d route'].join('\n'),
    expect: ['inet 10.244.2.10/24', 'default via 10.244.2.1'],
  },
  { name: 'cni-bridge', cmd: 'ip netns exec node2 bridge link show', expect: ['veth-pod-c'] },
  {
    name: 'cni-ipam',
    cmd: [
      'ls /var/lib/cni/networks/podnet',
      'cat /var/lib/cni/networks/podnet/10.244.2.10; echo',
    ].join('\n'),
    expect: ['pod-d'],
  },
  {
    name: 'cni-ping',
    cmd: 'ip netns exec pod-a ping -c 2 10.244.2.10',
    expect: ['ttl=62', '0% packet loss'],
  },
  {
    name: 'cni-del',
    cmd: [
      CNI_ADD.replace('CNI_COMMAND=ADD', 'CNI_COMMAND=DEL'),
      'ls /var/lib/cni/networks/podnet',
      'ip netns exec node2 bridge link show',
    ].join('\n'),
    reject: ['10.244.2.10'],
  },
];

export const k8sPods: Scenario = { chapter: 'k8s-pods', steps };
