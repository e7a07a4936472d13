/**
 * The Kubernetes chapters' diagrams (7–9), matching the namespaces, addresses
 * and chains the chapters build on the lab machine.
 */
import type { Topology } from './topology.ts';

export const clusterArchitecture: Topology = {
  title: {
    en: 'Who builds the network of a Kubernetes node',
    'zh-cn': 'Kubernetes 节点的网络由谁搭建',
  },
  description: {
    en: 'kube-apiserver holds the objects of the cluster. On each node the kubelet watches it for the pods of its node and asks the CRI runtime (containerd or CRI-O) to start each one. The runtime creates the pod’s network namespace and runs the CNI plugins: bridge makes the veth pair and plugs it into cni0, host-local picks the address. kube-proxy, also on every node, watches Services and EndpointSlices and writes the rules that implement them in iptables or nftables. CoreDNS runs as pods and answers Service names; it watches kube-apiserver as well.',
    'zh-cn':
      'kube-apiserver 保存集群中的各种对象。每个节点上的 kubelet 从它那里监视分配给本节点的 Pod，并请 CRI 运行时（containerd 或 CRI-O）逐个启动。运行时为 Pod 创建网络命名空间，并调用 CNI 插件：bridge 创建 veth 设备对并把它接到 cni0 上，host-local 分配地址。同样运行在每个节点上的 kube-proxy 监视 Service 和 EndpointSlice，在 iptables 或 nftables 中写入实现它们的规则。CoreDNS 以 Pod 的形式运行，负责解析 Service 名字，它也监视 kube-apiserver。',
  },
  nodes: [
    {
      id: 'dns',
      kind: 'pod',
      label: 'CoreDNS',
      col: 0,
      row: 0,
      lines: [{ en: 'answers Service names', 'zh-cn': '解析 Service 名字' }],
    },
    {
      id: 'api',
      kind: 'host',
      label: 'kube-apiserver',
      col: 1,
      row: 0,
      lines: [
        { en: 'Pods, Services,', 'zh-cn': 'Pod、Service、' },
        { en: 'EndpointSlices', 'zh-cn': 'EndpointSlice' },
      ],
    },
    {
      id: 'kubelet',
      kind: 'host',
      label: 'kubelet',
      col: 0,
      row: 1,
      lines: [{ en: 'starts the node’s pods', 'zh-cn': '启动本节点的 Pod' }],
    },
    {
      id: 'proxy',
      kind: 'proxy',
      label: 'kube-proxy',
      col: 2,
      row: 1,
      lines: [{ en: 'implements Services', 'zh-cn': '实现 Service' }],
    },
    {
      id: 'cri',
      kind: 'host',
      label: { en: 'CRI runtime', 'zh-cn': 'CRI 运行时' },
      col: 0,
      row: 2,
      lines: ['containerd / CRI-O', { en: 'creates the netns', 'zh-cn': '创建网络命名空间' }],
    },
    {
      id: 'cni',
      kind: 'host',
      label: { en: 'CNI plugins', 'zh-cn': 'CNI 插件' },
      col: 1,
      row: 2,
      lines: ['bridge + host-local', { en: 'veth, address, routes', 'zh-cn': 'veth、地址、路由' }],
    },
    {
      id: 'rules',
      kind: 'chain',
      label: 'iptables / nftables',
      col: 2,
      row: 2,
      lines: ['KUBE-SERVICES …'],
    },
    {
      id: 'pod',
      kind: 'pod',
      label: 'pod-a',
      col: 0,
      row: 3,
      interfaces: [{ name: 'eth0', address: '10.244.1.2/24' }],
    },
    {
      id: 'cni0',
      kind: 'bridge',
      label: 'cni0',
      col: 1,
      row: 3,
      interfaces: [{ name: 'cni0', address: '10.244.1.1/24' }],
    },
  ],
  links: [
    { from: 'dns', to: 'api', kind: 'control', label: 'watch' },
    { from: 'kubelet', to: 'api', kind: 'control', label: 'watch' },
    { from: 'proxy', to: 'api', kind: 'control', label: 'watch' },
    { from: 'kubelet', to: 'cri', kind: 'control', label: 'CRI' },
    { from: 'cri', to: 'cni', kind: 'control', label: 'ADD' },
    { from: 'cni', to: 'cni0', kind: 'control' },
    { from: 'proxy', to: 'rules', kind: 'control' },
    { from: 'cni0', to: 'pod', kind: 'veth', label: 'veth' },
  ],
  groups: [
    {
      id: 'plane',
      label: { en: 'control plane', 'zh-cn': '控制平面' },
      members: ['api'],
    },
    {
      id: 'node',
      label: { en: 'node1 (every node)', 'zh-cn': 'node1（每个节点都一样）' },
      members: ['kubelet', 'proxy', 'cri', 'cni', 'rules', 'pod', 'cni0'],
    },
  ],
};

export const podNetwork: Topology = {
  title: { en: 'A pod network across two nodes', 'zh-cn': '跨两个节点的 Pod 网络' },
  description: {
    en: 'Two node namespaces, node1 (192.168.50.11) and node2 (192.168.50.12), are plugged into the LAN bridge lan0. Each node has a cni0 bridge for its pod subnet, 10.244.1.0/24 and 10.244.2.0/24, with one veth pair per pod. Each node routes the other node’s pod subnet via the other node’s LAN address.',
    'zh-cn':
      'node1（192.168.50.11）和 node2（192.168.50.12）两个节点命名空间接在局域网网桥 lan0 上。每个节点有一个 cni0 网桥，分别承载 Pod 子网 10.244.1.0/24 和 10.244.2.0/24，每个 Pod 一对 veth。每个节点把对方的 Pod 子网路由到对方的局域网地址。',
  },
  nodes: [
    {
      id: 'lan0',
      kind: 'bridge',
      label: 'lan0',
      col: 1,
      row: 0,
      interfaces: [{ name: 'lan0', address: '192.168.50.1/24' }],
    },
    {
      id: 'node1',
      kind: 'namespace',
      label: 'node1',
      col: 0,
      row: 1,
      interfaces: [{ name: 'eth0', address: '192.168.50.11/24' }],
      lines: ['10.244.2.0/24 via .12'],
    },
    {
      id: 'node2',
      kind: 'namespace',
      label: 'node2',
      col: 2,
      row: 1,
      interfaces: [{ name: 'eth0', address: '192.168.50.12/24' }],
      lines: ['10.244.1.0/24 via .11'],
    },
    {
      id: 'cni1',
      kind: 'bridge',
      label: 'cni0',
      col: 0,
      row: 2,
      interfaces: [{ name: 'cni0', address: '10.244.1.1/24' }],
    },
    {
      id: 'cni2',
      kind: 'bridge',
      label: 'cni0',
      col: 2,
      row: 2,
      interfaces: [{ name: 'cni0', address: '10.244.2.1/24' }],
    },
    {
      id: 'pod-a',
      kind: 'pod',
      label: 'pod-a',
      col: 0,
      row: 3,
      interfaces: [{ name: 'eth0', address: '10.244.1.2/24' }],
    },
    {
      id: 'pod-b',
      kind: 'pod',
      label: 'pod-b',
      col: 1,
      row: 3,
      interfaces: [{ name: 'eth0', address: '10.244.1.3/24' }],
    },
    {
      id: 'pod-c',
      kind: 'pod',
      label: 'pod-c',
      col: 2,
      row: 3,
      interfaces: [{ name: 'eth0', address: '10.244.2.2/24' }],
    },
  ],
  links: [
    { from: 'node1', to: 'lan0', kind: 'veth', label: 'node1-eth0' },
    { from: 'node2', to: 'lan0', kind: 'veth', label: 'node2-eth0' },
    { from: 'node1', to: 'cni1', kind: 'route' },
    { from: 'node2', to: 'cni2', kind: 'route' },
    { from: 'cni1', to: 'pod-a', kind: 'veth', label: 'veth-pod-a' },
    { from: 'cni1', to: 'pod-b', kind: 'veth', label: 'veth-pod-b' },
    { from: 'cni2', to: 'pod-c', kind: 'veth', label: 'veth-pod-c' },
  ],
  groups: [
    {
      id: 'n1',
      label: { en: 'node1 (namespace)', 'zh-cn': 'node1（命名空间）' },
      members: ['node1', 'cni1', 'pod-a', 'pod-b'],
    },
    {
      id: 'n2',
      label: { en: 'node2 (namespace)', 'zh-cn': 'node2（命名空间）' },
      members: ['node2', 'cni2', 'pod-c'],
    },
  ],
};

export const serviceDnat: Topology = {
  title: {
    en: 'How a Service address becomes a pod address (simplified chains)',
    'zh-cn': 'Service 地址如何变成 Pod 地址（简化的链）',
  },
  description: {
    en: 'The simplified chains of chapter 8. A connection from pod-b to the ClusterIP 10.96.0.100:80 enters KUBE-SERVICES in nat PREROUTING and jumps to KUBE-SVC-WEB, which picks KUBE-SEP-WEB-A with probability 0.5 and KUBE-SEP-WEB-C otherwise; each endpoint chain DNATs to one pod. A NodePort connection to 192.168.50.12:30080 goes through KUBE-NODEPORTS, is marked for masquerading, and joins the same KUBE-SVC-WEB chain.',
    'zh-cn':
      '第 8 章的简化链。pod-b 连接 ClusterIP 10.96.0.100:80 时，连接在 nat 表 PREROUTING 中进入 KUBE-SERVICES，跳到 KUBE-SVC-WEB；后者以 0.5 的概率选 KUBE-SEP-WEB-A，否则选 KUBE-SEP-WEB-C，每条端点链都把目的地址 DNAT 成一个 Pod。访问 NodePort 192.168.50.12:30080 的连接经过 KUBE-NODEPORTS，被打上需要 MASQUERADE 的标记，然后进入同一条 KUBE-SVC-WEB 链。',
  },
  nodes: [
    { id: 'pod-b', kind: 'pod', label: 'pod-b', col: 0, row: 0, lines: ['curl 10.96.0.100:80'] },
    {
      id: 'lan',
      kind: 'client',
      label: { en: 'client on the LAN', 'zh-cn': '局域网上的客户端' },
      col: 1,
      row: 0,
      lines: ['curl 192.168.50.12:30080'],
    },
    {
      id: 'services',
      kind: 'chain',
      label: 'KUBE-SERVICES',
      col: 0,
      row: 1,
      lines: ['-d 10.96.0.100 --dport 80', '--dst-type LOCAL → NODEPORTS'],
    },
    {
      id: 'nodeports',
      kind: 'chain',
      label: 'KUBE-NODEPORTS',
      col: 1,
      row: 1,
      lines: ['--dport 30080 → KUBE-MARK-MASQ', '--dport 30080 → KUBE-SVC-WEB'],
    },
    {
      id: 'svc',
      kind: 'chain',
      label: 'KUBE-SVC-WEB',
      col: 0,
      row: 2,
      lines: [
        'random 0.5 → KUBE-SEP-WEB-A',
        { en: 'otherwise → KUBE-SEP-WEB-C', 'zh-cn': '其余 → KUBE-SEP-WEB-C' },
      ],
    },
    {
      id: 'sep-a',
      kind: 'chain',
      label: 'KUBE-SEP-WEB-A',
      col: 0,
      row: 3,
      lines: ['DNAT 10.244.1.2:80'],
    },
    {
      id: 'sep-c',
      kind: 'chain',
      label: 'KUBE-SEP-WEB-C',
      col: 1,
      row: 3,
      lines: ['DNAT 10.244.2.2:80'],
    },
    {
      id: 'pod-a',
      kind: 'pod',
      label: 'pod-a',
      col: 0,
      row: 4,
      interfaces: [{ name: 'eth0', address: '10.244.1.2' }],
    },
    {
      id: 'pod-c',
      kind: 'pod',
      label: 'pod-c',
      col: 1,
      row: 4,
      interfaces: [{ name: 'eth0', address: '10.244.2.2' }],
    },
  ],
  links: [
    { from: 'pod-b', to: 'services', kind: 'flow', label: 'PREROUTING' },
    { from: 'lan', to: 'nodeports', kind: 'flow', label: 'PREROUTING' },
    { from: 'services', to: 'svc', kind: 'jump' },
    { from: 'nodeports', to: 'svc', kind: 'jump' },
    { from: 'svc', to: 'sep-a', kind: 'jump', label: '50%' },
    { from: 'svc', to: 'sep-c', kind: 'jump', label: '50%' },
    { from: 'sep-a', to: 'pod-a', kind: 'flow' },
    { from: 'sep-c', to: 'pod-c', kind: 'flow' },
  ],
};

export const ingressPath: Topology = {
  title: { en: 'The path of a request through the ingress', 'zh-cn': '请求经过 Ingress 的路径' },
  description: {
    en: 'curl on the lab machine sends a request to localhost:8080, where docker-proxy accepts it and opens a new connection to port 80 of the ingress container (a client elsewhere on the network would be DNATed there instead). nginx reads the Host header and the path: shop.example.com/api/ goes to the api service, other paths of shop.example.com to the web service (web-1 and web-2 in turn), and any other host gets 404. All containers share the user-defined network cluster.',
    'zh-cn':
      '实验机上的 curl 把请求发到 localhost:8080，由 docker-proxy 接收，再向 ingress 容器的 80 端口发起一个新连接（网络上其他地方的客户端则会被 DNAT 到那里）。nginx 读取 Host 头和路径：shop.example.com/api/ 转给 api 服务，shop.example.com 的其他路径转给 web 服务（web-1 与 web-2 轮流），其他主机名一律返回 404。所有容器都在用户自定义网络 cluster 中。',
  },
  nodes: [
    {
      id: 'client',
      kind: 'client',
      label: { en: 'curl on the lab machine', 'zh-cn': '实验机上的 curl' },
      col: 1,
      row: 0,
      lines: ['Host: shop.example.com', 'localhost:8080'],
    },
    {
      id: 'ingress',
      kind: 'proxy',
      label: 'ingress (nginx)',
      col: 1,
      row: 1,
      lines: [
        'shop.example.com /api/ → api',
        'shop.example.com /     → web',
        { en: 'any other host → 404', 'zh-cn': '其他主机名 → 404' },
      ],
    },
    {
      id: 'web-1',
      kind: 'container',
      label: 'web-1',
      col: 0,
      row: 2,
      interfaces: [{ name: 'eth0', address: '172.18.0.2' }],
    },
    {
      id: 'web-2',
      kind: 'container',
      label: 'web-2',
      col: 1,
      row: 2,
      interfaces: [{ name: 'eth0', address: '172.18.0.3' }],
    },
    {
      id: 'api-1',
      kind: 'container',
      label: 'api-1',
      col: 2,
      row: 2,
      interfaces: [{ name: 'eth0', address: '172.18.0.4' }],
    },
  ],
  links: [
    { from: 'client', to: 'ingress', kind: 'flow', label: 'docker-proxy :8080 → :80' },
    { from: 'ingress', to: 'web-1', kind: 'flow', label: '/' },
    { from: 'ingress', to: 'web-2', kind: 'flow' },
    { from: 'ingress', to: 'api-1', kind: 'flow', label: '/api/' },
  ],
  groups: [
    {
      id: 'cluster',
      label: { en: 'network "cluster"', 'zh-cn': '网络 cluster' },
      members: ['ingress', 'web-1', 'web-2', 'api-1'],
    },
    { id: 'web', label: { en: 'service web', 'zh-cn': 'web 服务' }, members: ['web-1', 'web-2'] },
    { id: 'api', label: { en: 'service api', 'zh-cn': 'api 服务' }, members: ['api-1'] },
  ],
};
