/**
 * The topology graph built from worlds recorded from real sandboxes (tests/fixtures/grading).
 * probes-*: worlds recorded from earlier versions of four labs (a container wired into
 * node1's cni0, nodes on 192.168.56.0/24), kept for the topologies these cases need.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { buildTopology, readTopology, type Topology } from '../../../server/grading/topology.ts';
import type { Section } from '../../../server/grading/probes/batch.ts';
import { replayExec, type Recording } from '../../../server/grading/probes/recording.ts';
import { noNeeds, parseWorld } from '../../../server/grading/probes/world-read.ts';

function recording(name: string): Recording {
  const file = path.join(import.meta.dirname, '../../fixtures/grading', `${name}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as Recording;
}

/** Reads a recorded world with nothing beyond what the topology uses. */
function parseWorldForTest(sections: Map<string, Section>) {
  return parseWorld({ sections, complete: true }, noNeeds());
}

function links(topology: Topology): string[] {
  return topology.links
    .map(
      (l) =>
        `${l.kind} ${l.from.node}/${l.from.interface ?? ''} ${l.to.node}/${l.to.interface ?? ''}`,
    )
    .sort();
}

describe('readTopology', () => {
  test('returns the bridge lab as host, docker0 and two containers joined by veths', async () => {
    const topology = await readTopology(replayExec(recording('bridge-solved')));
    assert.deepEqual(topology.nodes.map((n) => `${n.kind}:${n.name}`).sort(), [
      'bridge:docker0',
      'container:busybox1',
      'container:busybox2',
      'host:host',
    ]);
    assert.deepEqual(links(topology), [
      'bridge-port host/veth98c2153 bridge:host/docker0/',
      'bridge-port host/vethcf343e4 bridge:host/docker0/',
      'veth container:busybox1/eth0 host/vethcf343e4',
      'veth container:busybox2/eth0 host/veth98c2153',
    ]);
  });

  test('returns addresses, the bridge network name and the image on the nodes', async () => {
    const topology = await readTopology(replayExec(recording('bridge-solved')));
    const docker0 = topology.nodes.find((n) => n.id === 'bridge:host/docker0');
    assert.deepEqual(docker0?.networks, ['bridge']);
    assert.deepEqual(docker0.interfaces[0]?.addresses, ['172.17.0.1/16']);
    const busybox2 = topology.nodes.find((n) => n.id === 'container:busybox2');
    assert.equal(busybox2?.image, 'busybox');
    assert.deepEqual(busybox2.interfaces, [
      { name: 'eth0', mac: '02:42:ac:11:00:03', addresses: ['172.17.0.3/16'], state: 'UP' },
    ]);
  });

  test('returns an empty docker0 and nothing else for a fresh sandbox', async () => {
    const topology = await readTopology(replayExec(recording('bridge-fresh')));
    assert.deepEqual(topology.nodes.map((n) => n.id).sort(), ['bridge:host/docker0', 'host']);
    assert.deepEqual(topology.links, []);
  });
});

describe('buildTopology', () => {
  test('returns bridges inside named netns and the container wired into one', async () => {
    const topology = await readTopology(replayExec(recording('probes-ingress-solved')));
    const ids = topology.nodes.map((n) => n.id);
    for (const id of [
      'netns:node1',
      'bridge:netns:node1/cni0',
      'bridge:host/lan0',
      'container:ingress',
      'netns:pod-d',
    ])
      assert.ok(ids.includes(id), id);
    const l = links(topology);
    assert.ok(l.includes('veth container:ingress/eth0 netns:node1/veth-ingress'), l.join('\n'));
    assert.ok(l.includes('bridge-port netns:node1/veth-ingress bridge:netns:node1/cni0/'));
    assert.ok(l.includes('veth host/eth-node2 netns:node2/eth0'));
  });

  test('returns a host-network container as sharing the host node', async () => {
    const topology = await readTopology(replayExec(recording('host-solved')));
    const web1 = topology.nodes.find((n) => n.id === 'container:web1');
    assert.equal(web1?.sharesWith, 'host');
    assert.deepEqual(web1.interfaces, []);
  });

  test('returns every link end as a node of the graph', () => {
    for (const name of [
      'probes-cross-bridge-solved',
      'probes-k8s-services-solved',
      'probes-ingress-solved',
    ]) {
      const r = recording(name);
      const sections = new Map(r.world.map((s) => [s.key, s]));
      const topology = buildTopology(parseWorldForTest(sections));
      const ids = new Set(topology.nodes.map((n) => n.id));
      for (const link of topology.links) {
        assert.ok(ids.has(link.from.node) && ids.has(link.to.node), `${name}: ${link.id}`);
      }
    }
  });
});
