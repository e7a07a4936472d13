/**
 * The SandboxDriver on a real Docker engine, and the only module (with its
 * helpers in docker-driver/) that talks to Docker.
 */
import Docker from 'dockerode';
import type { Config } from '../config.ts';
import { NetlabError } from '../errors.ts';
import type {
  AttachOptions,
  ExecOptions,
  SandboxDriver,
  SandboxInfo,
  TtyProcess,
} from './driver.ts';
import { EngineDownError, LABEL_INSTANCE, LABEL_SESSION, SandboxGoneError } from './driver.ts';
import type { Generation } from '../generations.ts';
import { attachTty } from './docker-driver/attach.ts';
import { sandboxCreateOptions, type SandboxLimits } from './docker-driver/create-options.ts';
import {
  diskBound,
  engineFacts,
  isolationProblem,
  type DiskBound,
  type EngineFacts,
} from './docker-driver/engine-facts.ts';
import { execInContainer } from './docker-driver/exec.ts';
import { HostHelper } from './docker-driver/host-helper.ts';
import { waitReady } from './docker-driver/wait-ready.ts';

export interface DockerDriverOptions extends Omit<
  SandboxLimits,
  'userns' | 'cgroupParent' | 'storageSize'
> {
  socketPath: string;
  readyTimeoutMs: number;
  /** Most a sandbox may write to its own filesystem. */
  rootfsBytes: number;
  /** Run sandboxes even where the engine does not isolate them (a single-user laptop). */
  allowUnisolated: boolean;
  /** What to tell an operator whose engine does not answer. */
  unreachableHint?: string;
  /** The image of each Docker generation; `image` is the default generation's. */
  images?: Partial<Record<Generation, string>>;
}

/** The driver's options from the server's configuration. */
export function driverOptions(config: Config): DockerDriverOptions {
  return {
    ...config.sandbox,
    socketPath: config.dockerSocket,
    unreachableHint: config.engine.managed
      ? "Start Netlab's own engine with `sudo npx netlab engine start` (or `npm start` as root), or set DOCKER_SOCKET to an engine started with --userns-remap."
      : 'Start that engine (DOCKER_SOCKET), and make sure this user may use its socket.',
  };
}

/** What every sandbox on this engine is made with, worked out once. */
interface Prepared {
  facts: EngineFacts;
  bound: DiskBound | null;
  helper: HostHelper;
  cgroupParent: string | undefined;
}

export class DockerDriver implements SandboxDriver {
  private readonly docker: Docker;
  private readonly options: DockerDriverOptions;
  private prepared: Promise<Prepared> | undefined;

  constructor(options: DockerDriverOptions) {
    this.options = options;
    this.docker = new Docker({ socketPath: options.socketPath });
  }

  async ping(): Promise<{ version: string }> {
    const facts = await this.facts();
    return { version: facts.version };
  }

  /** The engine's facts (version, user namespaces, storage, cgroups). */
  async facts(): Promise<EngineFacts> {
    try {
      return engineFacts((await this.docker.info()) as Parameters<typeof engineFacts>[0]);
    } catch (error) {
      throw new NetlabError(
        'NETLAB_ERR_DOCKER_UNREACHABLE',
        `The lab server cannot reach a Docker engine at ${this.options.socketPath} (${describe(error)}). ` +
          (this.options.unreachableHint ?? 'Start it, and make sure this user may use its socket.'),
        { cause: error },
      );
    }
  }

  /** Checks the engine isolates sandboxes and sets up the host side, once per driver; retried after a failure. */
  private prepare(): Promise<Prepared> {
    this.prepared ??= (async () => {
      const facts = await this.facts();
      const bound = diskBound(facts);
      const problem = isolationProblem(facts, this.options.socketPath, bound !== null);
      if (problem && !this.options.allowUnisolated)
        throw new NetlabError('NETLAB_ERR_ENGINE_NOT_ISOLATED', problem);
      const helper = new HostHelper(this.docker, this.options.image, facts);
      const cgroupParent = await helper.deviceParent().catch((error: unknown) => {
        throw new NetlabError(
          'NETLAB_ERR_SANDBOX_FAILED',
          createFailure(error, this.options.image),
          {
            cause: error,
          },
        );
      });
      return { facts, bound, helper, cgroupParent };
    })().catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    return this.prepared;
  }

  async create(sessionId: string, generation?: Generation): Promise<SandboxInfo> {
    const { facts, bound, helper, cgroupParent } = await this.prepare();
    const image = (generation && this.options.images?.[generation]) ?? this.options.image;
    const container = await this.docker
      .createContainer(
        sandboxCreateOptions(sessionId, {
          ...this.options,
          image,
          userns: facts.userns,
          cgroupParent,
          storageSize: bound === 'storage-opt' ? String(this.options.rootfsBytes) : undefined,
        }),
      )
      .catch((error: unknown) => {
        throw new NetlabError('NETLAB_ERR_SANDBOX_FAILED', createFailure(error, image), {
          cause: error,
        });
      });
    const outcome = await waitReady(
      this.docker,
      container,
      async () => {
        if (bound === 'subvolume') await helper.boundDisk(container.id, this.options.rootfsBytes);
        await container.start();
        // Before the reader (or the inner engine's first container) needs it.
        if (facts.userns) await helper.delegate(container.id);
      },
      this.options.readyTimeoutMs,
    ).catch((error: unknown) => ({ ready: false as const, reason: describe(error) }));
    if (!outcome.ready) {
      await this.destroy(container.id);
      throw new NetlabError(
        'NETLAB_ERR_SANDBOX_FAILED',
        `The lab machine failed to start: ${outcome.reason}`,
      );
    }
    return { containerId: container.id, sessionId, createdAt: new Date(), running: true };
  }

  exec(containerId: string, cmd: string[], options: ExecOptions) {
    return named(execInContainer(this.docker, containerId, cmd, options), containerId);
  }

  attach(containerId: string, options: AttachOptions): Promise<TtyProcess> {
    return named(attachTty(this.docker, containerId, options), containerId);
  }

  async destroy(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).remove({ force: true, v: true });
    } catch (error) {
      if (statusOf(error) !== 404 && statusOf(error) !== 409) throw error;
    }
  }

  async list(): Promise<SandboxInfo[]> {
    const containers = await this.docker.listContainers({
      all: true,
      filters: { label: [LABEL_SESSION, `${LABEL_INSTANCE}=${this.options.instance}`] },
    });
    return containers.map((c) => ({
      containerId: c.Id,
      sessionId: c.Labels[LABEL_SESSION] ?? '',
      createdAt: new Date(c.Created * 1000),
      running: c.State === 'running',
    }));
  }
}

/** Socket errors that mean nothing listens at the engine's socket (stopped, or never started). */
const ENGINE_DOWN = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE']);

/** The driver's two named failures out of dockerode's: 404/409 (gone or stopped), or a dead socket. */
async function named<T>(work: Promise<T>, containerId: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const status = statusOf(error);
    if (status === 404 || status === 409)
      throw new SandboxGoneError(`sandbox ${containerId.slice(0, 12)}: ${describe(error)}`, {
        cause: error,
      });
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && ENGINE_DOWN.has(code))
      throw new EngineDownError(`the Docker engine does not answer: ${describe(error)}`, {
        cause: error,
      });
    throw error;
  }
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error
    ? Number(error.statusCode)
    : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function createFailure(error: unknown, image: string): string {
  if (statusOf(error) === 404) {
    return `The sandbox image ${image} is missing on the Docker engine; build it with \`npm run images\`.`;
  }
  return `The Docker engine refused to create the lab machine: ${describe(error)}`;
}
