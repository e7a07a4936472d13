/**
 * Chapter 2: the default bridge, docker0 and veth pairs. Docker 28 makes the
 * container's end of the pair inside its namespace (one index lower) and gives
 * it a random MAC; the steps that show either say how they end there.
 */
import type { Scenario } from '../types.ts';

export const bridge: Scenario = {
  chapter: 'bridge',
  steps: [
    {
      name: 'docker0-before',
      cmd: 'ip addr show docker0',
      expect: ['172.17.0.1/16', 'NO-CARRIER'],
    },
    { name: 'brctl-before', cmd: 'brctl show' },
    { name: 'run-busybox1', cmd: 'docker run -d --name busybox1 busybox sleep 3600' },
    {
      name: 'ip-addr-host',
      cmd: 'ip addr',
      expect: ['master docker0', '4: veth', '@if3'],
      differs: { 'docker-28': { expect: ['master docker0', '3: veth', '@if2'] } },
    },
    { name: 'brctl-show', cmd: 'brctl show', expect: ['docker0'] },
    { name: 'bridge-link', cmd: 'bridge link show', expect: ['master docker0 state forwarding'] },
    {
      name: 'ip-addr-container',
      cmd: 'docker exec busybox1 ip addr',
      expect: ['3: eth0@if4', 'link/ether 02:42:ac:11:00:02', 'inet 172.17.0.2/16'],
      differs: {
        'docker-28': { expect: ['2: eth0@if3', 'inet 172.17.0.2/16'], reject: ['02:42:ac:11'] },
      },
    },
    {
      name: 'ifindex',
      cmd: [
        'docker exec busybox1 cat /sys/class/net/eth0/ifindex',
        'docker exec busybox1 cat /sys/class/net/eth0/iflink',
      ].join('\n'),
    },
    {
      name: 'host-peer',
      cmd: [
        'peer=$(docker exec busybox1 cat /sys/class/net/eth0/iflink)',
        'ip link show | grep -A1 "^$peer:"',
      ].join('\n'),
      expect: ['4: veth'],
      differs: { 'docker-28': { expect: ['3: veth'] } },
    },
    {
      name: 'nsenter-eth0',
      cmd: `nsenter --net=/proc/$(docker inspect -f '{{.State.Pid}}' busybox1)/ns/net ip -d link show eth0`,
      expect: ['veth'],
    },
    {
      name: 'route',
      cmd: 'docker exec busybox1 ip route',
      expect: ['default via 172.17.0.1 dev eth0'],
    },
    {
      name: 'ping-gateway',
      cmd: 'docker exec busybox1 ping -c 2 172.17.0.1',
      expect: ['0% packet loss'],
    },
    { name: 'neigh-container', cmd: 'docker exec busybox1 ip neigh', expect: ['172.17.0.1'] },
    {
      name: 'neigh-host',
      cmd: 'ip neigh show dev docker0',
      expect: ['02:42:ac:11:00:02'],
      differs: { 'docker-28': { expect: ['172.17.0.2 lladdr'] } },
    },
    {
      name: 'run-busybox2',
      cmd: [
        'docker run -d --name busybox2 busybox sleep 3600',
        'docker exec busybox2 ip addr show eth0',
      ].join('\n'),
      expect: ['eth0@if6', 'inet 172.17.0.3/16', '02:42:ac:11:00:03'],
      differs: { 'docker-28': { expect: ['2: eth0@if4', 'inet 172.17.0.3/16'] } },
    },
    {
      name: 'ping-neighbour',
      cmd: 'docker exec busybox2 ping -c 2 172.17.0.2',
      expect: ['0% packet loss'],
    },
    { name: 'brctl-two', cmd: 'brctl show' },
    {
      name: 'fdb',
      cmd: 'bridge fdb show br docker0 dynamic',
      expect: ['02:42:ac:11:00:02'],
      differs: { 'docker-28': { expect: ['master docker0'] } },
    },
    {
      name: 'nat',
      cmd: 'iptables -t nat -S POSTROUTING',
      expect: ['-s 172.17.0.0/16 ! -o docker0 -j MASQUERADE'],
    },
    {
      // The same address after a restart: Docker 26 derives the same MAC from it, Docker 28 draws a new one.
      name: 'restart-mac',
      cmd: [
        'docker exec busybox2 cat /sys/class/net/eth0/address',
        'docker restart -t 0 busybox2',
        'docker exec busybox2 ip -4 addr show eth0',
        'docker exec busybox2 cat /sys/class/net/eth0/address',
      ].join('\n'),
      expect: ['172.17.0.3/16'],
    },
    {
      name: 'restart-renames-veth',
      cmd: [
        'ip -br link show type veth',
        'docker restart -t 0 busybox1',
        'ip -br link show type veth',
      ].join('\n'),
    },
  ],
};
