import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { SeenStore } from './ports';

export interface OwnerLeaseOptions {
  /** Where the lease lives: the shared cache itself, not a process-local fallback. */
  store: Pick<SeenStore, 'get' | 'set'>;
  /** How long the lease lasts unrenewed: a dead owner is known as dead this long after it died. */
  leaseMs?: number;
  log?: Logger;
  now?: () => number;
}

/**
 * This process's lease on the pushes it runs (issue 10, item 2). While any push work runs, the
 * key `alive:<ownerId>` is renewed every third of `leaseMs`; when the process dies it expires
 * within `leaseMs`. A copy of a push that another owner marked as running asks `isAlive` and,
 * once the owner is gone, may run the push itself.
 *
 * A renewal that fails (the cache is down) is only logged: other processes cannot read the
 * lease then either, and `isAlive` reports an owner it cannot check as alive, so an outage
 * never makes two processes run one push.
 */
export class OwnerLease {
  /** Names this process in the running markers it writes. */
  readonly ownerId = randomBytes(8).toString('hex');
  readonly leaseMs: number;
  private readonly now: () => number;
  private holders = 0;
  private renewedAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private renewal: Promise<void> | undefined;

  constructor(private readonly options: OwnerLeaseOptions) {
    this.leaseMs = options.leaseMs ?? 3_000;
    this.now = options.now ?? Date.now;
  }

  /** Counts one more piece of work: the lease is renewed until every holder has called `release`. */
  retain(): void {
    this.holders += 1;
    this.timer ??= setInterval(() => void this.renewOnce(), Math.floor(this.leaseMs / 3)).unref();
  }

  /**
   * Makes sure the lease is fresh before a running marker naming this owner is written:
   * renewed within the last third of `leaseMs`, or renewed now (one renewal shared by every
   * caller). Resolves false when it could not be renewed: the marker must not name this owner
   * then, or another process could take over a push that is running.
   */
  async fresh(): Promise<boolean> {
    if (this.now() - this.renewedAt > this.leaseMs / 3) await this.renewOnce();
    return this.now() - this.renewedAt < this.leaseMs;
  }

  /** One holder's work has finished; the lease stops being renewed when none is left. */
  release(): void {
    this.holders = Math.max(0, this.holders - 1);
    if (this.holders === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Whether `ownerId` holds a live lease. True when the store cannot say: never take over blindly. */
  async isAlive(ownerId: string): Promise<boolean> {
    if (ownerId === this.ownerId) return true;
    try {
      return (await this.options.store.get(key(ownerId))) !== null;
    } catch {
      return true;
    }
  }

  /** Renews the lease; concurrent callers share the renewal under way. */
  private renewOnce(): Promise<void> {
    this.renewal ??= this.renew().finally(() => {
      this.renewal = undefined;
    });
    return this.renewal;
  }

  private async renew(): Promise<void> {
    const at = this.now();
    try {
      await this.options.store.set(key(this.ownerId), String(at), this.leaseMs);
      this.renewedAt = at;
    } catch (error) {
      this.options.log?.debug({ err: error }, 'lease renewal failed');
    }
  }
}

const key = (ownerId: string) => `alive:${ownerId}`;
