/**
 * The SandboxDriver on a real Docker engine, and the only module (with its
 * helpers in docker-driver/) that talks to Docker.
 */
import Docker from 'dockerode';
import { NetlabError } from '../errors.ts';
import type {
  AttachOptions,
  ExecOptions,
  SandboxDriver,
  SandboxInfo,
  TtyProcess,
} from './driver.ts';
import { LABEL_INSTANCE, LABEL_SESSION } from './driver.ts';
import { attachTty } from './docker-driver/attach.ts';
import { ensureDeviceParent, type CgroupParent } from './docker-driver/device-parent.ts';
import { sandboxCreateOptions, type SandboxLimits } from './docker-driver/create-options.ts';
import { execInContainer } from './docker-driver/exec.ts';
import { waitReady } from './docker-driver/wait-ready.ts';

export interface DockerDriverOptions extends SandboxLimits {
  socketPath: string;
  readyTimeoutMs: number;
}

export class DockerDriver implements SandboxDriver {
  private readonly docker: Docker;
  private readonly options: DockerDriverOptions;
  private parent: Promise<CgroupParent | undefined> | undefined;

  constructor(options: DockerDriverOptions) {
    this.options = options;
    this.docker = new Docker({ socketPath: options.socketPath });
  }

  async ping(): Promise<{ version: string }> {
    try {
      const version = await this.docker.version();
      return { version: version.Version };
    } catch (error) {
      throw new NetlabError(
        'NETLAB_ERR_DOCKER_UNREACHABLE',
        `The lab server cannot reach a Docker engine at ${this.options.socketPath} (${describe(error)}). ` +
          'Start Docker (e.g. `sudo dockerd &` or `systemctl start docker`), or set DOCKER_SOCKET to its socket, ' +
          'and make sure this user may use it.',
        { cause: error },
      );
    }
  }

  /** The restricted parent cgroup, set up once per driver; a failure is retried next time. */
  private cgroupParent(): Promise<CgroupParent | undefined> {
    this.parent ??= ensureDeviceParent(this.docker, this.options.image).catch((error: unknown) => {
      this.parent = undefined;
      throw new NetlabError('NETLAB_ERR_SANDBOX_FAILED', createFailure(error, this.options.image), {
        cause: error,
      });
    });
    return this.parent;
  }

  async create(sessionId: string): Promise<SandboxInfo> {
    await this.ping();
    const parent = await this.cgroupParent();
    const container = await this.docker
      .createContainer(
        sandboxCreateOptions(sessionId, { ...this.options, cgroupParent: parent?.name }),
      )
      .catch((error: unknown) => {
        throw new NetlabError(
          'NETLAB_ERR_SANDBOX_FAILED',
          createFailure(error, this.options.image),
          {
            cause: error,
          },
        );
      });
    const outcome = await waitReady(
      this.docker,
      container,
      async () => {
        await container.start();
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
    return execInContainer(this.docker, containerId, cmd, options);
  }

  attach(containerId: string, options: AttachOptions): Promise<TtyProcess> {
    return attachTty(this.docker, containerId, options);
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
