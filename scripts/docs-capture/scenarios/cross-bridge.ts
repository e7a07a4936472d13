/**
 * Chapter 6: containers on different bridges — docker network connect,
 * Docker's isolation chains, deleting them with iptables -D and what that
 * costs, DOCKER-USER, and installing net-tools in an nginx container. Docker 28
 * adds two walls the article's Docker did not have — a raw-table drop for
 * packets to a container that arrive on another interface, and a drop of
 * unpublished ports in DOCKER — so some steps end otherwise there, and a few
 * are its alone.
 */
import type { Scenario } from '../types.ts';

const br = "br=br-$(docker network inspect -f '{{.Id}}' my_bridge2 | cut -c1-12)";
const fetch = 'docker exec busybox2 wget -qO- -T 3 http://172.17.0.2/';
/** From the default bridge to busybox2, which serves nothing: "refused" means the packet arrived. */
const reverse = 'docker run --rm busybox wget -qO- -T 3 http://192.168.31.25/';

export const crossBridge: Scenario = {
  chapter: 'cross-bridge',
  steps: [
    {
      name: 'setup',
      cmd: [
        'docker network create --subnet 192.168.31.0/24 --gateway 192.168.31.1 my_bridge2',
        'docker run -d --name httpd1 httpd',
        'docker run -d --network my_bridge2 --ip 192.168.31.25 --name busybox2 busybox sleep 3600',
      ].join('\n'),
    },
    {
      name: 'blocked',
      before: 'until curl -s -o /dev/null http://172.17.0.2/; do sleep 0.2; done',
      cmd: fetch,
      fails: true,
      expect: ['download timed out'],
    },
    {
      name: 'host-routes',
      cmd: 'ip route',
      expect: ['172.17.0.0/16 dev docker0', '192.168.31.0/24 dev br-'],
    },
    {
      name: 'forward',
      cmd: 'iptables -S FORWARD',
      expect: ['-A FORWARD -j DOCKER-ISOLATION-STAGE-1'],
      differs: { 'docker-28': { expect: ['-A FORWARD -j DOCKER-FORWARD'] } },
    },
    {
      name: 'docker-forward',
      only: 'docker-28',
      cmd: [
        'iptables -S DOCKER-FORWARD',
        'iptables -S DOCKER-CT',
        'iptables -S DOCKER-BRIDGE',
        'iptables -S DOCKER',
      ].join('\n'),
      expect: ['-A DOCKER-FORWARD -j DOCKER-CT', '! -i docker0 -o docker0 -j DROP'],
    },
    // Reading only: why the policy above is ACCEPT on the lab machine.
    { name: 'ip-forward', cmd: 'sysctl net.ipv4.ip_forward', expect: ['net.ipv4.ip_forward = 1'] },
    {
      name: 'isolation',
      cmd: [
        'iptables -v -n -L DOCKER-ISOLATION-STAGE-1',
        'iptables -v -n -L DOCKER-ISOLATION-STAGE-2',
      ].join('\n'),
      expect: ['DROP'],
    },
    {
      // Docker 28 drops the page request before FORWARD: in the raw table, which
      // sees every packet first.
      name: 'raw',
      only: 'docker-28',
      cmd: 'iptables -t raw -v -n -L PREROUTING',
      expect: ['DROP', '172.17.0.2'],
    },
    { name: 'connect', cmd: 'docker network connect my_bridge2 httpd1' },
    {
      name: 'httpd-no-ip',
      cmd: 'docker exec httpd1 ip addr',
      fails: true,
      expect: ['executable file not found in $PATH'],
    },
    {
      name: 'httpd-nsenter',
      cmd: "nsenter -n -t $(docker inspect -f '{{.State.Pid}}' httpd1) ip -br addr",
      expect: ['172.17.0.2/16', '192.168.31.2/24'],
    },
    { name: 'brctl', cmd: 'brctl show' },
    {
      name: 'by-name',
      cmd: 'docker exec busybox2 wget -qO- http://httpd1/',
      expect: ['It works!'],
    },
    {
      name: 'networks',
      cmd: "docker inspect httpd1 --format '{{range $name, $net := .NetworkSettings.Networks}}{{$name}} {{$net.IPAddress}}{{println}}{{end}}'",
      expect: ['my_bridge2 192.168.31.2'],
    },
    {
      name: 'connect-twice',
      cmd: 'docker network connect my_bridge2 httpd1',
      fails: true,
      expect: ['already exists in network my_bridge2'],
    },
    { name: 'disconnect', cmd: 'docker network disconnect my_bridge2 httpd1' },
    {
      name: 'delete-one',
      cmd: ['iptables -D DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP', fetch].join('\n'),
      fails: true,
      expect: ['download timed out'],
    },
    {
      name: 'delete-two',
      cmd: [br, 'iptables -D DOCKER-ISOLATION-STAGE-2 -o $br -j DROP', fetch].join('\n'),
      expect: ['It works!'],
      differs: { 'docker-28': { fails: true, expect: ['download timed out'] } },
    },
    {
      name: 'delete-raw',
      only: 'docker-28',
      cmd: ['iptables -t raw -D PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP', fetch].join(
        '\n',
      ),
      fails: true,
      expect: ['download timed out'],
    },
    {
      name: 'delete-docker',
      only: 'docker-28',
      cmd: ['iptables -D DOCKER ! -i docker0 -o docker0 -j DROP', fetch].join('\n'),
      expect: ['It works!'],
    },
    { name: 'who-asked', cmd: 'docker logs httpd1 2>&1 | tail -n 1', expect: ['172.17.0.1 - -'] },
    { name: 'masquerade', cmd: 'iptables -t nat -S POSTROUTING', expect: ['-s 192.168.31.0/24'] },
    {
      name: 'delete-missing',
      cmd: 'iptables -D DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP',
      fails: true,
      expect: ['does a matching rule exist in that chain?'],
    },
    {
      // A TCP probe, not ping: busybox's ping runs as PID 1 of a fresh container and so
      // reuses one ICMP id, which conntrack would treat as the same flow across steps.
      name: 'wide-open',
      cmd: reverse,
      fails: true,
      expect: ['Connection refused'],
      differs: { 'docker-28': { fails: true, expect: ['download timed out'] } },
    },
    {
      name: 'restore',
      cmd: [
        br,
        'iptables -I DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP',
        'iptables -I DOCKER-ISOLATION-STAGE-2 -o $br -j DROP',
        'iptables -S DOCKER-ISOLATION-STAGE-2',
      ].join('\n'),
    },
    {
      name: 'restore-28',
      only: 'docker-28',
      cmd: [
        'iptables -t raw -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP',
        'iptables -A DOCKER ! -i docker0 -o docker0 -j DROP',
      ].join('\n'),
    },
    {
      name: 'docker-user',
      cmd: [
        br,
        'iptables -I DOCKER-USER -i $br -o docker0 -j ACCEPT',
        'iptables -I DOCKER-USER -i docker0 -o $br -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
        'iptables -S DOCKER-USER',
      ].join('\n'),
    },
    {
      name: 'docker-user-raw',
      only: 'docker-28',
      cmd: [
        br,
        'iptables -t raw -I PREROUTING -i $br -d 172.17.0.2 -j ACCEPT',
        'iptables -t raw -S PREROUTING',
      ].join('\n'),
    },
    {
      name: 'docker-user-test',
      cmd: [fetch, reverse].join('\n'),
      fails: true,
      expect: ['It works!', 'download timed out'],
    },
    { name: 'nginx-run', cmd: 'docker run -d --name nginx1 nginx' },
    {
      name: 'ifconfig-missing',
      cmd: 'docker exec nginx1 ifconfig',
      fails: true,
      expect: ['"ifconfig": executable file not found in $PATH'],
    },
    {
      name: 'sources',
      cmd: 'docker exec nginx1 cat /etc/apt/sources.list.d/debian.sources',
      expect: ['http://172.17.0.1:3142/'],
    },
    {
      name: 'apt-update',
      cmd: 'docker exec nginx1 apt-get update',
      expect: ['http://172.17.0.1:3142'],
    },
    {
      name: 'apt-install',
      cmd: 'docker exec -e DEBIAN_FRONTEND=noninteractive nginx1 apt-get install -y net-tools',
      expect: ['Setting up net-tools'],
    },
    { name: 'ifconfig', cmd: 'docker exec nginx1 ifconfig eth0', expect: ['inet 172.17.0.'] },
    { name: 'netstat', cmd: 'docker exec nginx1 netstat -tln', expect: ['0.0.0.0:80'] },
    {
      name: 'lost-on-recreate',
      cmd: [
        'docker rm -f nginx1',
        'docker run -d --name nginx1 nginx',
        'docker exec nginx1 ifconfig',
      ].join('\n'),
      fails: true,
      expect: ['executable file not found'],
    },
    {
      name: 'dockerfile',
      cmd: [
        "printf 'FROM nginx\\nRUN apt-get update && apt-get install -y net-tools\\n' > Dockerfile",
        'DOCKER_BUILDKIT=0 docker build -q -t nginx-nettools .',
        'docker run --rm nginx-nettools ifconfig lo',
      ].join('\n'),
      expect: ['inet 127.0.0.1'],
    },
  ],
};
