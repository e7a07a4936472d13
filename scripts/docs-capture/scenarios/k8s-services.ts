/**
 * Chapter 8: a Service and a NodePort on the cluster of chapter 7, written as
 * simplified kube-proxy (iptables mode) chains: ClusterIP DNAT with random
 * endpoint choice, conntrack, and the masquerading a NodePort needs.
 */
import type { Scenario, Step } from '../types.ts';
import { BUILD_CLUSTER } from './k8s-cluster.ts';
import { SERVICE_RULES } from './k8s-rules.ts';

const curlNodePort = (ip: string): string =>
  `for i in 1 2 3 4 5 6 7 8; do curl -s -m 2 http://${ip}:30080/ || echo "(no answer)"; done`;

const steps: Step[] = [
  {
    name: 'cluster',
    before: BUILD_CLUSTER,
    cmd: ['ip netns list', 'ip -n node1 route'].join('\n'),
    expect: ['pod-c', '10.244.2.0/24 via 192.168.50.12 dev eth0'],
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
    name: 'br-netfilter',
    cmd: 'ip netns exec node1 sysctl net.bridge.bridge-nf-call-iptables',
    expect: ['net.bridge.bridge-nf-call-iptables = 1'],
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
    cmd: 'ip netns exec node2 grep "dport=30080" /proc/net/nf_conntrack',
    expect: ['dst=192.168.50.12 sport=80', 'dst=10.244.2.1 sport=80'],
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

export const k8sServices: Scenario = { chapter: 'k8s-services', steps };
