/** GET /api/sessions/:id/topology: what the sandbox's network looks like, read live. */
/** One interface as the topology shows it. */
export interface TopologyInterface {
  name: string;
  mac: string | null;
  /** IPv4 addresses with prefix, e.g. ["172.17.0.2/16"]. */
  addresses: string[];
  /** "UP", "DOWN", "UNKNOWN"; null when not printed. */
  state: string | null;
}

/** A namespace (host, netns, container) or a bridge. */
export interface TopologyNode {
  /** "host", "netns:node1", "container:busybox1", "bridge:host/docker0", "bridge:netns:node1/cni0". */
  id: string;
  kind: 'host' | 'netns' | 'container' | 'bridge';
  /** "host", "node1", "busybox1", "docker0". */
  name: string;
  /** For a bridge: the id of the namespace node it is in; else null. */
  parent: string | null;
  /** Docker networks: a container's, or the one a bridge implements ("bridge" for docker0). */
  networks: string[];
  /** Non-loopback interfaces; a bridge lists itself (its address is the gateway). */
  interfaces: TopologyInterface[];
  /** A container's image; null otherwise. */
  image: string | null;
  /** A container sharing another namespace (`--network host`): that node's id; else null. */
  sharesWith: string | null;
}

/** One end of a link: a node and, except for the bridge side of a port, an interface. */
export interface TopologyEnd {
  node: string;
  interface: string | null;
}

/** A veth pair (both ends), or a bridge port (interface → bridge node). */
export interface TopologyLink {
  id: string;
  kind: 'veth' | 'bridge-port';
  from: TopologyEnd;
  to: TopologyEnd;
}

export interface Topology {
  nodes: TopologyNode[];
  links: TopologyLink[];
}
