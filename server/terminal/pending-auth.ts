/**
 * Terminal sockets that are open but not yet authenticated, per client
 * address. Such a socket costs the server a connection and a timer while it
 * waits (up to the auth timeout) for its first message, so one address may
 * hold only so many at once; browsers send that message at once, so only a
 * client that opens sockets and stays silent ever meets the cap.
 */
export class PendingAuth {
  private readonly counts = new Map<string, number>();
  private readonly max: number;

  constructor(max: number) {
    this.max = max;
  }

  /** Whether `client` may open one more (checked before the upgrade). */
  hasRoom(client: string): boolean {
    return (this.counts.get(client) ?? 0) < this.max;
  }

  /** Takes a slot for `client`; false when it already holds the most. */
  acquire(client: string): boolean {
    if (!this.hasRoom(client)) return false;
    this.counts.set(client, (this.counts.get(client) ?? 0) + 1);
    return true;
  }

  release(client: string): void {
    const left = (this.counts.get(client) ?? 0) - 1;
    if (left > 0) this.counts.set(client, left);
    else this.counts.delete(client);
  }

  /** Slots held by `client`. */
  held(client: string): number {
    return this.counts.get(client) ?? 0;
  }
}
