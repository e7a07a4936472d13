/**
 * The Docker generations a lab machine comes in. Both are built from the one
 * Dockerfile in labs/images/sandbox, which differs between them only in where
 * the Docker packages come from (`DOCKER_SUITE`); a reader picks one per
 * session, and the chapters show both where they differ.
 *
 * - `docker-26`: Debian 13's Docker 26.1, the generation of the original
 *   article: MAC addresses derived from the IPv4 address (02:42:…), the
 *   DOCKER-ISOLATION-STAGE-1/2 chains hung straight off FORWARD.
 * - `docker-28`: Debian unstable's Docker 28.5 (containerd 2.1, runc 1.3):
 *   random MAC addresses, FORWARD handed to DOCKER-FORWARD with DOCKER-CT,
 *   DOCKER-BRIDGE and DOCKER-INTERNAL, and unpublished ports dropped when
 *   reached from outside their bridge.
 */

export const GENERATION_IDS = ['docker-26', 'docker-28'] as const;
export type Generation = (typeof GENERATION_IDS)[number];

/**
 * What a session gets when it names no generation: today's Docker, so that the
 * lab behaves as the reader's own machine does (Docker 28 and later), while the
 * chapters show where the original article's Docker 26 differed.
 */
export const DEFAULT_GENERATION: Generation = 'docker-28';

export interface GenerationInfo {
  id: Generation;
  /** The Docker version the image installs (its `docker version`). Example: 28.5.2 */
  version: string;
  /** The Debian suite its docker.io, docker-cli, containerd and runc come from. */
  suite: 'trixie' | 'sid';
  /** Its name in the lab pane and beside captures. */
  label: { en: string; 'zh-cn': string };
}

export const GENERATIONS: Readonly<Record<Generation, GenerationInfo>> = {
  'docker-26': {
    id: 'docker-26',
    version: '26.1.5',
    suite: 'trixie',
    label: { en: 'Docker 26 (the original article’s)', 'zh-cn': 'Docker 26（原文所用）' },
  },
  'docker-28': {
    id: 'docker-28',
    version: '28.5.2',
    suite: 'sid',
    label: { en: 'Docker 28 (today’s)', 'zh-cn': 'Docker 28（当前版本）' },
  },
};

export function isGeneration(value: unknown): value is Generation {
  return typeof value === 'string' && (GENERATION_IDS as readonly string[]).includes(value);
}
