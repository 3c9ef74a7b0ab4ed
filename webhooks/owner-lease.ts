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
  private readonly leaseMs: number;
  private readonly now: () => number;
  private holders = 0;
  private renewedAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: OwnerLeaseOptions) {
    this.leaseMs = options.leaseMs ?? 3_000;
    this.now = options.now ?? Date.now;
  }

  /**
   * Called as a push's work starts: makes sure the lease is fresh before the running marker that
   * names this owner is written, and keeps it renewed until every holder has called `release`.
   */
  async hold(): Promise<void> {
    this.holders += 1;
    this.timer ??= setInterval(() => void this.renew(), Math.floor(this.leaseMs / 3)).unref();
    if (this.now() - this.renewedAt > this.leaseMs / 3) await this.renew();
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
