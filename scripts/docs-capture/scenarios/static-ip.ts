/** Chapter 5: static container IPs with --ip. */
import type { Scenario } from '../types.ts';

export const staticIp: Scenario = {
  chapter: 'static-ip',
  steps: [
    {
      name: 'create',
      cmd: 'docker network create -d bridge --subnet 192.168.31.0/24 --gateway 192.168.31.1 my_bridge2',
    },
    {
      name: 'run',
      cmd: 'docker run -d --network=my_bridge2 --ip 192.168.31.25 --name busybox2 busybox sleep 3600',
    },
    {
      name: 'ip-addr',
      cmd: 'docker exec busybox2 ip addr',
      expect: ['link/ether 02:42:c0:a8:1f:19', 'inet 192.168.31.25/24'],
      differs: { 'docker-28': { expect: ['inet 192.168.31.25/24'], reject: ['02:42:c0:a8'] } },
    },
    {
      name: 'mac-from-ip',
      cmd: "printf '02:42:%02x:%02x:%02x:%02x\\n' 192 168 31 25",
      expect: ['02:42:c0:a8:1f:19'],
    },
    {
      // A MAC that must not change is set, not derived: the same in both generations.
      name: 'mac-address',
      cmd: [
        'docker run -d --network my_bridge2 --ip 192.168.31.26 --mac-address 02:42:c0:a8:1f:1a --name fixed busybox sleep 3600',
        'docker exec fixed ip link show eth0',
      ].join('\n'),
      expect: ['02:42:c0:a8:1f:1a'],
    },
    {
      name: 'ipam-config',
      cmd: "docker inspect busybox2 --format '{{json .NetworkSettings.Networks.my_bridge2.IPAMConfig}}'",
      expect: ['"IPv4Address":"192.168.31.25"'],
    },
    {
      name: 'restart',
      cmd: ['docker restart -t 0 busybox2', 'docker exec busybox2 ip -4 addr show eth0'].join('\n'),
      expect: ['inet 192.168.31.25/24'],
    },
    {
      name: 'default-bridge-error',
      cmd: 'docker run -d --ip 172.17.0.50 --name bad1 busybox sleep 3600',
      fails: true,
      expect: ['user specified IP address is supported on user defined networks only'],
    },
    {
      name: 'no-subnet-error',
      cmd: [
        'docker network create plain',
        "docker network inspect plain --format '{{json .IPAM.Config}}'",
        'docker run -d --network plain --ip 172.18.0.50 --name bad2 busybox sleep 3600',
      ].join('\n'),
      fails: true,
      expect: [
        '172.18.0.0/16',
        'user specified IP address is supported only when connecting to networks with user configured subnets',
      ],
    },
    {
      name: 'outside-error',
      cmd: 'docker run -d --network my_bridge2 --ip 10.0.0.5 --name bad3 busybox sleep 3600',
      fails: true,
      expect: ['no configured subnet or ip-range contain the IP address 10.0.0.5'],
    },
    {
      name: 'dynamic-first',
      cmd: [
        'docker run -d --network my_bridge2 --name dyn busybox sleep 3600',
        "docker inspect -f '{{.NetworkSettings.Networks.my_bridge2.IPAddress}}' dyn",
      ].join('\n'),
      expect: ['192.168.31.2'],
    },
    {
      name: 'taken-error',
      cmd: 'docker run -d --network my_bridge2 --ip 192.168.31.2 --name planned busybox sleep 3600',
      fails: true,
      expect: ['Address already in use'],
    },
    {
      name: 'leftover',
      cmd: "docker ps -a --filter name=planned --format 'table {{.Names}}\\t{{.Status}}'",
      expect: ['Created'],
    },
  ],
};
