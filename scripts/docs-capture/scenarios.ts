/**
 * Every chapter's scenario, in course order. Each step's output becomes a
 * capture the chapter pages include; tests/unit/docs/captures.test.ts fails
 * when a step has no capture or its command changed since it was captured.
 */
import { bridge } from './scenarios/bridge.ts';
import { crossBridge } from './scenarios/cross-bridge.ts';
import { host } from './scenarios/host.ts';
import { ingress } from './scenarios/ingress.ts';
import { k8sPods } from './scenarios/k8s-pods.ts';
import { k8sServices } from './scenarios/k8s-services.ts';
import { staticIp } from './scenarios/static-ip.ts';
import { subnet } from './scenarios/subnet.ts';
import { userDefined } from './scenarios/user-defined.ts';
import type { Scenario } from './types.ts';

export const SCENARIOS: readonly Scenario[] = [
  host,
  bridge,
  userDefined,
  subnet,
  staticIp,
  crossBridge,
  k8sPods,
  k8sServices,
  ingress,
];
