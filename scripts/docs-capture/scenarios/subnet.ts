/** Chapter 4: choosing a network's subnet, gateway and --ip-range. */
import type { Scenario } from '../types.ts';

export const subnet: Scenario = {
  chapter: 'subnet',
  steps: [
    {
      name: 'create',
      cmd: 'docker network create -d bridge --subnet 192.168.31.0/24 --gateway 192.168.31.1 my_bridge2',
    },
    {
      name: 'inspect',
      cmd: "docker network inspect my_bridge2 --format '{{json .IPAM.Config}}'",
      expect: ['"Subnet":"192.168.31.0/24","Gateway":"192.168.31.1"'],
    },
    { name: 'host-addr', cmd: 'ip -4 addr show', expect: ['inet 192.168.31.1/24'] },
    { name: 'route', cmd: 'ip route', expect: ['192.168.31.0/24 dev br-'] },
    { name: 'run', cmd: 'docker run -d --network=my_bridge2 --name busybox1 busybox sleep 3600' },
    {
      name: 'container-addr',
      cmd: 'docker exec busybox1 ip addr show eth0',
      expect: ['inet 192.168.31.2/24', 'link/ether 02:42:c0:a8:1f:02'],
      differs: { 'docker-28': { expect: ['inet 192.168.31.2/24'], reject: ['02:42:c0:a8'] } },
    },
    {
      name: 'container-route',
      cmd: 'docker exec busybox1 ip route',
      expect: ['default via 192.168.31.1'],
    },
    {
      name: 'ip-range-create',
      cmd: 'docker network create --subnet 10.10.0.0/16 --ip-range 10.10.5.0/24 --gateway 10.10.0.1 ranged',
    },
    {
      name: 'ip-range-run',
      cmd: [
        'docker run -d --name r1 --network ranged busybox sleep 3600',
        'docker run -d --name r2 --network ranged busybox sleep 3600',
        'docker run -d --name r3 --network ranged --ip 10.10.200.7 busybox sleep 3600',
      ].join('\n'),
    },
    {
      name: 'ip-range-addrs',
      cmd: `for c in r1 r2 r3; do echo "$c $(docker inspect -f '{{.NetworkSettings.Networks.ranged.IPAddress}}' $c)"; done`,
      expect: ['r1 10.10.5.0', 'r2 10.10.5.1', 'r3 10.10.200.7'],
    },
    {
      name: 'overlap',
      cmd: 'docker network create --subnet 192.168.31.0/24 again',
      fails: true,
      expect: ['Pool overlaps with other one on this address space'],
    },
    {
      name: 'gateway-outside',
      cmd: 'docker network create --subnet 10.20.0.0/16 --gateway 10.30.0.1 badgw',
      fails: true,
      expect: ['no matching subnet for gateway 10.30.0.1'],
    },
    {
      name: 'range-outside',
      cmd: 'docker network create --subnet 10.20.0.0/16 --ip-range 10.30.0.0/24 badrange',
      fails: true,
      expect: ['no matching subnet for range 10.30.0.0/24'],
    },
  ],
};
