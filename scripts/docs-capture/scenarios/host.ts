/** Chapter 1: the host network. */
import type { Scenario } from '../types.ts';

const pidOf = (name: string): string => `$(docker inspect -f '{{.State.Pid}}' ${name})`;

export const host: Scenario = {
  chapter: 'host',
  steps: [
    // The primer: a namespace and a veth pair by hand, then gone again.
    {
      name: 'primer-netns',
      cmd: ['ip netns add demo', 'ip -n demo addr'].join('\n'),
      expect: ['1: lo: <LOOPBACK>'],
      reject: ['eth0'],
    },
    {
      name: 'primer-veth',
      cmd: [
        'ip link add veth-demo type veth peer name eth0 netns demo',
        'ip addr add 192.0.2.1/24 dev veth-demo',
        'ip link set veth-demo up',
        'ip -n demo addr add 192.0.2.2/24 dev eth0',
        'ip -n demo link set eth0 up',
        'ip -br addr show veth-demo',
        'ip -n demo -br addr',
        'ip netns exec demo ping -c 1 192.0.2.1',
      ].join('\n'),
      expect: ['192.0.2.2/24', '0% packet loss'],
    },
    {
      // Deleting a namespace destroys its interfaces, and a veth end takes its peer along
      // (the kernel does it in the background, hence the pause).
      name: 'primer-cleanup',
      cmd: ['ip netns del demo', 'sleep 1', 'ip link show veth-demo'].join('\n'),
      fails: true,
      expect: ['does not exist'],
    },
    { name: 'host-ip-addr', cmd: 'ip addr', expect: ['172.17.0.1/16'] },
    {
      name: 'container-ip-addr',
      cmd: 'docker run --rm --network=host busybox ip addr',
      expect: ['docker0'],
    },
    {
      name: 'hostname',
      cmd: [
        'hostname',
        'docker run --rm --network=host busybox hostname',
        'docker run --rm busybox hostname',
      ].join('\n'),
    },
    {
      name: 'run-two',
      cmd: [
        'docker run -d --name hostnet --network=host busybox sleep 3600',
        'docker run -d --name bridged busybox sleep 3600',
      ].join('\n'),
    },
    {
      name: 'netns-inodes',
      cmd: [
        'readlink /proc/$$/ns/net',
        `readlink /proc/${pidOf('hostnet')}/ns/net`,
        `readlink /proc/${pidOf('bridged')}/ns/net`,
      ].join('\n'),
    },
    { name: 'lsns', cmd: 'lsns -t net' },
    {
      name: 'bridged-eth0',
      cmd: 'docker exec bridged ip -4 addr show eth0',
      expect: ['172.17.0.2/16'],
    },
    { name: 'web1', cmd: 'docker run -d --name web1 --network=host nginx' },
    {
      name: 'ss',
      before: 'until ss -ltn | grep -q ":80 "; do sleep 0.2; done',
      cmd: "ss -ltnp 'sport = :80'",
      expect: ['nginx'],
    },
    { name: 'web2', cmd: 'docker run -d --name web2 --network=host nginx' },
    {
      name: 'ps-web',
      before: `until [ "$(docker inspect -f '{{.State.Status}}' web2)" = exited ]; do sleep 0.2; done`,
      cmd: "docker ps -a --filter name=web --format 'table {{.Names}}\\t{{.Status}}'",
      expect: ['Exited (1)'],
    },
    {
      name: 'logs-web2',
      cmd: 'docker logs web2 2>&1 | tail -n 4',
      expect: ['Address already in use', 'still could not bind()'],
    },
    {
      name: 'publish-ignored',
      cmd: 'docker run -d --name web3 --network=host -p 8080:80 nginx',
      expect: ['Published ports are discarded when using host network mode'],
    },
    {
      // The primer's veth again, its second end put into a container's namespace: what
      // Docker does for --network bridge, and what --network none leaves to you.
      name: 'plumb-none',
      cmd: [
        'docker run -d --name nonet --network none busybox sleep 3600',
        `pid=${pidOf('nonet')}`,
        'ip link add veth-nonet type veth peer name eth0 netns /proc/$pid/ns/net',
        'ip addr add 192.0.2.1/24 dev veth-nonet',
        'ip link set veth-nonet up',
        'nsenter --net=/proc/$pid/ns/net ip addr add 192.0.2.2/24 dev eth0',
        'nsenter --net=/proc/$pid/ns/net ip link set eth0 up',
        'docker exec nonet ip -4 addr show eth0',
        'docker exec nonet ping -c 1 192.0.2.1',
      ].join('\n'),
      expect: ['inet 192.0.2.2/24', '0% packet loss'],
    },
  ],
};
