/** Chapter 3: user-defined bridge networks and Docker's embedded DNS. */
import type { Scenario } from '../types.ts';

const inClient = "nsenter -n -t $(docker inspect -f '{{.State.Pid}}' client)";

export const userDefined: Scenario = {
  chapter: 'user-defined',
  steps: [
    { name: 'network-ls', cmd: 'docker network ls' },
    { name: 'create', cmd: 'docker network create -d bridge my_bridge' },
    { name: 'brctl', cmd: 'brctl show', expect: ['br-'] },
    { name: 'bridge-addr', cmd: 'ip addr show type bridge', expect: ['172.18.0.1/16'] },
    {
      name: 'inspect',
      cmd: "docker network inspect my_bridge --format '{{json .IPAM.Config}}'",
      expect: ['172.18.0.0/16'],
    },
    {
      name: 'run',
      cmd: [
        'docker run -d --name web --network my_bridge httpd',
        'docker run -d --name client --network my_bridge busybox sleep 3600',
      ].join('\n'),
    },
    {
      name: 'wget-by-name',
      before: 'until docker exec client wget -q -O /dev/null -T 1 http://web/; do sleep 0.2; done',
      cmd: 'docker exec client wget -qO- http://web/',
      expect: ['It works!'],
    },
    {
      name: 'nslookup',
      cmd: 'docker exec client nslookup web',
      expect: ['127.0.0.11', '172.18.0.2'],
    },
    {
      name: 'resolv',
      cmd: 'docker exec client cat /etc/resolv.conf',
      expect: ['nameserver 127.0.0.11'],
    },
    { name: 'dns-nat', cmd: `${inClient} iptables -t nat -S`, expect: ['DOCKER_OUTPUT', 'DNAT'] },
    { name: 'dns-listener', cmd: `${inClient} ss -lunp`, expect: ['127.0.0.11', 'dockerd'] },
    {
      name: 'default-no-dns',
      cmd: [
        'docker run -d --name legacy1 busybox sleep 3600',
        'docker run --rm busybox ping -c 1 legacy1',
      ].join('\n'),
      fails: true,
      expect: ["bad address 'legacy1'"],
    },
    { name: 'default-resolv', cmd: 'docker run --rm busybox cat /etc/resolv.conf' },
    {
      name: 'rm-in-use',
      cmd: 'docker network rm my_bridge',
      fails: true,
      expect: ['has active endpoints'],
    },
    {
      name: 'cross-network',
      cmd: 'docker exec client ping -c 1 -W 1 172.17.0.2',
      fails: true,
      expect: ['100% packet loss'],
    },
    {
      // office0 stands in for a real LAN interface, which the lab machine does not have.
      name: 'pool-skips-routes',
      cmd: [
        'ip link add office0 type bridge',
        'ip addr add 172.19.5.20/16 dev office0',
        'ip link set office0 up',
        'docker network create second',
        "docker network inspect second --format '{{json .IPAM.Config}}'",
      ].join('\n'),
      expect: ['172.20.0.0/16'],
    },
    {
      name: 'explicit-overlap',
      cmd: [
        'docker network create --subnet 172.19.0.0/16 clash',
        'ip route show 172.19.0.0/16',
        'ip route get 172.19.5.9',
      ].join('\n'),
      expect: ['172.19.5.9 dev office0'],
    },
  ],
};
