/** Argument types shared by the probe calls of check-schema.ts. */
import { z } from 'zod';

/** "host", a container name or a named netns (`ip netns`). Example: `busybox1` */
export const ns = z.string().min(1);
/** A value the probe's reading must equal, compared whole (an address's prefix may be left out). Example: `docker0` */
export const equals = z.string().min(1).optional();
/** A container, by name (it is then followed by id) or by id. Example: `web2` */
export const containerRef = z.string().min(1);
/** A TCP port, or a parameter holding one. Example: `80` or `'{{port}}'` */
export const port = z.union([
  z.number().int().min(1).max(65535),
  z.string().regex(/^\{\{[a-z][a-z0-9_]*\}\}$/, 'must be a number or a {{parameter}}'),
]);
/** An exit status: a number, `nonzero` or `any`. Example: `nonzero` */
export const exitStatus = z.union([z.number().int(), z.enum(['nonzero', 'any'])]);

/**
 * Which interface of a namespace: by `interface` name, or (in a container) by
 * the Docker `network` it is on, found by its MAC whatever it is called (`eth1`
 * after a `docker network connect`); `peer: true` takes the other end of its veth.
 */
export const interfaceFields = {
  /** Where the interface is. Example: `busybox1` */
  ns: ns.default('host'),
  /** By name. Example: `eth0` */
  interface: z.string().min(1).optional(),
  /** Or a container's interface on this Docker network. Example: `bridge` */
  network: z.string().min(1).optional(),
  /** `true` for the other end of the interface's veth pair. Example: `true` */
  peer: z.boolean().default(false),
};

/** Exactly one of `interface` and `network`. */
export function oneInterface(call: {
  interface?: string | undefined;
  network?: string | undefined;
}): boolean {
  return (call.interface === undefined) !== (call.network === undefined);
}
export const ONE_INTERFACE = {
  message: 'give either `interface:` (a name) or `network:` (a Docker network), not both',
  path: ['interface'],
};
