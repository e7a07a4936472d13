/**
 * The Docker chapters' diagrams (1–6). Addresses are the ones the chapters'
 * captures show; veth names vary per run, so they are written generically.
 */
import type { Topology } from './topology.ts';

export const hostVsBridge: Topology = {
  title: { en: 'Host network versus bridge network', 'zh-cn': 'host 网络与 bridge 网络对比' },
  description: {
    en: 'A container started with --network=host has no network namespace of its own: it uses the host stack with lo and docker0 directly. A default container has its own namespace whose eth0 is one end of a veth pair; the other end is plugged into docker0.',
    'zh-cn':
      '以 --network=host 启动的容器没有自己的网络命名空间，直接使用主机协议栈里的 lo 和 docker0；默认方式启动的容器有独立的命名空间，其中的 eth0 是一对 veth 设备的一端，另一端插在 docker0 上。',
  },
  nodes: [
    {
      id: 'stack',
      kind: 'host',
      label: { en: 'host network stack', 'zh-cn': '主机网络协议栈' },
      col: 0,
      row: 0,
      interfaces: [
        { name: 'lo', address: '127.0.0.1/8' },
        { name: 'docker0', address: '172.17.0.1/16' },
      ],
    },
    {
      id: 'hostnet',
      kind: 'container',
      label: 'hostnet (--network=host)',
      col: 0,
      row: 1,
      lines: [{ en: 'no interfaces of its own', 'zh-cn': '没有自己的接口' }],
    },
    {
      id: 'docker0',
      kind: 'bridge',
      label: 'docker0',
      col: 1,
      row: 0,
      interfaces: [{ name: 'veth…' }],
    },
    {
      id: 'bridged',
      kind: 'container',
      label: { en: 'bridged (default)', 'zh-cn': 'bridged（默认）' },
      col: 2,
      row: 1,
      interfaces: [{ name: 'eth0', address: '172.17.0.2/16' }],
    },
  ],
  links: [
    {
      from: 'hostnet',
      to: 'stack',
      kind: 'flow',
      label: { en: 'same sockets', 'zh-cn': '同一套 socket' },
    },
    { from: 'stack', to: 'docker0', kind: 'bridge-port' },
    {
      from: 'docker0',
      to: 'bridged',
      kind: 'veth',
      label: { en: 'veth pair', 'zh-cn': 'veth 设备对' },
    },
  ],
  groups: [
    {
      id: 'root',
      label: { en: "host's network namespace", 'zh-cn': '主机的网络命名空间' },
      members: ['stack', 'hostnet', 'docker0'],
    },
    {
      id: 'own',
      label: { en: 'its own namespace', 'zh-cn': '独立的命名空间' },
      members: ['bridged'],
    },
  ],
};

export const bridgeVeth: Topology = {
  title: { en: 'Two containers on docker0', 'zh-cn': 'docker0 上的两个容器' },
  description: {
    en: 'docker0 (172.17.0.1/16) is a bridge in the host namespace. Each container namespace holds eth0, one end of a veth pair; the other end, vethXXXX, sits in the host namespace as a port of docker0. eth0@if3 means the peer has ifindex 3. The numbers are those Docker 28 gives; Docker 26 numbers one higher (chapter 2).',
    'zh-cn':
      'docker0（172.17.0.1/16）是主机命名空间里的网桥。每个容器的命名空间里有一个 eth0，它是 veth 设备对的一端；另一端 vethXXXX 留在主机命名空间，作为 docker0 的一个端口。eth0@if3 表示对端的 ifindex 是 3。图中的编号是 Docker 28 给出的；Docker 26 的编号都大 1（见第 2 章）。',
  },
  generation: 'docker-28',
  nodes: [
    {
      id: 'docker0',
      kind: 'bridge',
      label: 'docker0',
      col: 0,
      row: 0,
      interfaces: [{ name: 'docker0', address: '172.17.0.1/16' }],
    },
    {
      id: 'veth1',
      kind: 'host',
      label: 'vethXXXX@if2',
      col: 0,
      row: 1,
      lines: ['ifindex 3, master docker0'],
    },
    {
      id: 'veth2',
      kind: 'host',
      label: 'vethYYYY@if2',
      col: 1,
      row: 1,
      lines: ['ifindex 4, master docker0'],
    },
    {
      id: 'busybox1',
      kind: 'container',
      label: 'busybox1',
      col: 0,
      row: 2,
      interfaces: [{ name: 'eth0@if3', address: '172.17.0.2/16' }],
    },
    {
      id: 'busybox2',
      kind: 'container',
      label: 'busybox2',
      col: 1,
      row: 2,
      interfaces: [{ name: 'eth0@if4', address: '172.17.0.3/16' }],
    },
  ],
  links: [
    { from: 'docker0', to: 'veth1', kind: 'bridge-port' },
    { from: 'docker0', to: 'veth2', kind: 'bridge-port' },
    { from: 'veth1', to: 'busybox1', kind: 'veth', label: 'veth' },
    { from: 'veth2', to: 'busybox2', kind: 'veth', label: 'veth' },
  ],
  groups: [
    {
      id: 'host',
      label: { en: 'lab machine (root namespace)', 'zh-cn': '实验机（根命名空间）' },
      members: ['docker0', 'veth1', 'veth2'],
    },
    {
      id: 'ns1',
      label: { en: 'namespace of busybox1', 'zh-cn': 'busybox1 的命名空间' },
      members: ['busybox1'],
    },
    {
      id: 'ns2',
      label: { en: 'namespace of busybox2', 'zh-cn': 'busybox2 的命名空间' },
      members: ['busybox2'],
    },
  ],
};

export const customSubnet: Topology = {
  title: {
    en: 'my_bridge2: a network with a chosen subnet',
    'zh-cn': 'my_bridge2：自选子网的网络',
  },
  description: {
    en: 'The bridge br-<id> carries the gateway 192.168.31.1/24. busybox1 received the first free address, 192.168.31.2; busybox2 asked for 192.168.31.25 with --ip.',
    'zh-cn':
      '网桥 br-<id> 上配置了网关 192.168.31.1/24。busybox1 拿到第一个空闲地址 192.168.31.2；busybox2 用 --ip 指定了 192.168.31.25。',
  },
  nodes: [
    {
      id: 'br',
      kind: 'bridge',
      label: 'br-<id> (my_bridge2)',
      col: 0,
      row: 0,
      interfaces: [{ name: 'gateway', address: '192.168.31.1/24' }],
    },
    {
      id: 'b1',
      kind: 'container',
      label: { en: 'busybox1 (dynamic)', 'zh-cn': 'busybox1（动态分配）' },
      col: 0,
      row: 1,
      interfaces: [{ name: 'eth0', address: '192.168.31.2/24' }],
    },
    {
      id: 'b2',
      kind: 'container',
      label: { en: 'busybox2 (--ip)', 'zh-cn': 'busybox2（--ip 指定）' },
      col: 1,
      row: 1,
      interfaces: [{ name: 'eth0', address: '192.168.31.25/24' }],
    },
  ],
  links: [
    { from: 'br', to: 'b1', kind: 'veth', label: 'veth' },
    { from: 'br', to: 'b2', kind: 'veth', label: 'veth' },
  ],
  groups: [{ id: 'net', label: 'my_bridge2  192.168.31.0/24', members: ['br', 'b1', 'b2'] }],
};

export const twoBridges: Topology = {
  title: { en: 'One container on two bridges', 'zh-cn': '同时接入两个网桥的容器' },
  description: {
    en: 'httpd1 has eth0 on docker0 (172.17.0.2) and, after docker network connect, eth1 on my_bridge2 (192.168.31.2). busybox2 on my_bridge2 reaches httpd1 through eth1 without crossing bridges. Traffic routed by the host from one bridge to the other is dropped by DOCKER-ISOLATION-STAGE-2.',
    'zh-cn':
      'httpd1 的 eth0 在 docker0 上（172.17.0.2）；执行 docker network connect 之后，它又多了一块在 my_bridge2 上的 eth1（192.168.31.2）。busybox2 通过 eth1 访问 httpd1，不必跨越网桥。主机把流量从一个网桥路由到另一个网桥时，会被 DOCKER-ISOLATION-STAGE-2 丢弃。',
  },
  nodes: [
    {
      id: 'docker0',
      kind: 'bridge',
      label: 'docker0',
      col: 0,
      row: 0,
      interfaces: [{ name: 'gateway', address: '172.17.0.1/16' }],
    },
    {
      id: 'br',
      kind: 'bridge',
      label: 'br-<id> (my_bridge2)',
      col: 1,
      row: 0,
      interfaces: [{ name: 'gateway', address: '192.168.31.1/24' }],
    },
    {
      id: 'httpd1',
      kind: 'container',
      label: 'httpd1',
      col: 0,
      row: 1,
      interfaces: [
        { name: 'eth0', address: '172.17.0.2/16' },
        { name: 'eth1', address: '192.168.31.2/24' },
      ],
    },
    {
      id: 'busybox2',
      kind: 'container',
      label: 'busybox2',
      col: 1,
      row: 1,
      interfaces: [{ name: 'eth0', address: '192.168.31.25/24' }],
    },
  ],
  links: [
    { from: 'docker0', to: 'httpd1', kind: 'veth', label: 'eth0' },
    { from: 'br', to: 'httpd1', kind: 'veth', label: 'eth1' },
    { from: 'br', to: 'busybox2', kind: 'veth' },
    {
      from: 'br',
      to: 'docker0',
      kind: 'route',
      label: { en: 'routed, then DROP', 'zh-cn': '可路由，但被 DROP' },
    },
  ],
  groups: [
    {
      id: 'host',
      label: { en: 'lab machine', 'zh-cn': '实验机' },
      members: ['docker0', 'br', 'httpd1', 'busybox2'],
    },
  ],
};

export const isolationChains: Topology = {
  title: {
    en: "Docker 26's isolation chains in the filter table",
    'zh-cn': 'filter 表中 Docker 26 的隔离链',
  },
  generation: 'docker-26',
  description: {
    en: 'A packet from busybox2 (in on br-<id>) to 172.17.0.2 (out on docker0) enters FORWARD, passes DOCKER-USER, then jumps to DOCKER-ISOLATION-STAGE-1 because it leaves a different bridge than it came from, and from there to STAGE-2, where the rule -o docker0 -j DROP discards it.',
    'zh-cn':
      '从 busybox2 发往 172.17.0.2 的包（从 br-<id> 进入、从 docker0 出去）进入 FORWARD 链，先经过 DOCKER-USER；因为出口网桥与入口不同，它跳到 DOCKER-ISOLATION-STAGE-1，再跳到 STAGE-2，被 -o docker0 -j DROP 这条规则丢弃。',
  },
  nodes: [
    {
      id: 'packet',
      kind: 'client',
      label: { en: 'packet from busybox2', 'zh-cn': '来自 busybox2 的包' },
      col: 0,
      row: 0,
      lines: ['in br-<id>, out docker0', 'dst 172.17.0.2:80'],
    },
    {
      id: 'forward',
      kind: 'chain',
      label: 'FORWARD',
      col: 0,
      row: 1,
      lines: ['-j DOCKER-USER', '-j DOCKER-ISOLATION-STAGE-1', '-o docker0 ... -j ACCEPT'],
    },
    { id: 'user', kind: 'chain', label: 'DOCKER-USER', col: 1, row: 1, lines: ['-j RETURN'] },
    {
      id: 'stage1',
      kind: 'chain',
      label: 'DOCKER-ISOLATION-STAGE-1',
      col: 0,
      row: 2,
      lines: [
        '-i br-<id> ! -o br-<id> -j STAGE-2',
        '-i docker0 ! -o docker0 -j STAGE-2',
        '-j RETURN',
      ],
    },
    {
      id: 'stage2',
      kind: 'chain',
      label: 'DOCKER-ISOLATION-STAGE-2',
      col: 1,
      row: 2,
      lines: ['-o br-<id> -j DROP', '-o docker0 -j DROP', '-j RETURN'],
    },
  ],
  links: [
    { from: 'packet', to: 'forward', kind: 'flow' },
    { from: 'forward', to: 'user', kind: 'jump', label: '1' },
    { from: 'forward', to: 'stage1', kind: 'jump', label: '2' },
    { from: 'stage1', to: 'stage2', kind: 'jump', label: '-i br-<id>' },
  ],
};

export const directRouting: Topology = {
  title: {
    en: "Docker 28's walls: the raw table, then the filter chains",
    'zh-cn': 'Docker 28 的几道墙：先是 raw 表，再是 filter 链',
  },
  description: {
    en: 'The same packet on Docker 28 meets the raw table first: PREROUTING drops packets for 172.17.0.2 that do not arrive on docker0. Past it, FORWARD passes DOCKER-USER and then DOCKER-FORWARD, which accepts replies in DOCKER-CT, runs the isolation chains, and sends traffic into a bridge through DOCKER-BRIDGE to DOCKER, whose last rule drops whatever enters docker0 from elsewhere.',
    'zh-cn':
      '同一个包在 Docker 28 上先遇到 raw 表：PREROUTING 丢弃所有不是从 docker0 进来、却发往 172.17.0.2 的包。过了这一关，FORWARD 先经过 DOCKER-USER，再交给 DOCKER-FORWARD：它在 DOCKER-CT 中放行应答，运行隔离链，再把进入网桥的流量经 DOCKER-BRIDGE 交给 DOCKER，而 DOCKER 的最后一条规则丢弃从别处进入 docker0 的一切。',
  },
  generation: 'docker-28',
  nodes: [
    {
      id: 'packet',
      kind: 'client',
      label: { en: 'packet from busybox2', 'zh-cn': '来自 busybox2 的包' },
      col: 0,
      row: 0,
      lines: ['in br-<id>, out docker0', 'dst 172.17.0.2:80'],
    },
    {
      id: 'raw',
      kind: 'chain',
      label: 'raw PREROUTING',
      col: 1,
      row: 0,
      lines: ['-d 172.17.0.2 ! -i docker0 -j DROP'],
    },
    {
      id: 'forward',
      kind: 'chain',
      label: 'FORWARD',
      col: 0,
      row: 1,
      lines: ['-j DOCKER-USER', '-j DOCKER-FORWARD'],
    },
    {
      id: 'dforward',
      kind: 'chain',
      label: 'DOCKER-FORWARD',
      col: 1,
      row: 1,
      lines: [
        '-j DOCKER-CT',
        '-j DOCKER-ISOLATION-STAGE-1',
        '-j DOCKER-BRIDGE',
        '-i br-<id> -j ACCEPT',
      ],
    },
    {
      id: 'isolation',
      kind: 'chain',
      label: 'DOCKER-ISOLATION-STAGE-1/2',
      col: 0,
      row: 2,
      lines: ['-o docker0 -j DROP'],
    },
    {
      id: 'docker',
      kind: 'chain',
      label: 'DOCKER',
      col: 1,
      row: 2,
      lines: ['! -i docker0 -o docker0 -j DROP'],
    },
  ],
  links: [
    { from: 'packet', to: 'raw', kind: 'flow', label: '1' },
    { from: 'raw', to: 'forward', kind: 'flow', label: '2' },
    { from: 'forward', to: 'dforward', kind: 'jump' },
    { from: 'dforward', to: 'isolation', kind: 'jump' },
    { from: 'dforward', to: 'docker', kind: 'jump', label: 'DOCKER-BRIDGE' },
  ],
};
