import type { Logger } from 'pino';
import { CacheUnavailableError, type Cache } from './cache';
import { MemoryCache } from './memory-cache';

/** The calls of a cache that push de-duplication makes (webhooks/ports.ts `SeenStore`). */
export type SeenCalls = Pick<Cache, 'get' | 'set' | 'setIfAbsent'>;

/** Keys written here during an outage are handed back to the shared cache at most this many at a time. */
const MAX_PENDING = 20_000;

/**
 * The shared cache with this process's memory behind it, for push de-duplication while the
 * shared cache is unavailable (issue 10, item 3). A key written here during an outage stays here
 * (so each push's state stays in one place) until the shared cache answers again; then it is
 * written back there, so other processes see that the push ran and how it was answered, and
 * later writes go to the shared cache again. During the outage duplicates are caught within
 * this process only: a copy of the same push at another process may run again, which beats
 * answering no one.
 *
 * Only `CacheUnavailableError` falls back; any other error is a real fault and is thrown.
 */
export class FallbackCache implements SeenCalls {
  private readonly local: MemoryCache;
  /** Keys written here during the outage, with when they expire (epoch ms). */
  private readonly pending = new Map<string, number>();
  private flushing: Promise<void> | undefined;
  private outage = false;

  constructor(private readonly shared: SeenCalls, private readonly log: Logger, local?: MemoryCache) {
    this.local = local ?? new MemoryCache({ maxEntries: MAX_PENDING });
  }

  async get(key: string): Promise<string | null> {
    const here = await this.local.get(key);
    if (here !== null) return here;
    return this.orLocal(() => this.shared.get(key), () => null);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if ((await this.local.get(key)) !== null) return this.setLocal(key, value, ttlMs);
    return this.orLocal(() => this.shared.set(key, value, ttlMs), () => this.setLocal(key, value, ttlMs));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if ((await this.local.get(key)) !== null) return false;
    return this.orLocal(
      () => this.shared.setIfAbsent(key, value, ttlMs),
      async () => (await this.local.setIfAbsent(key, value, ttlMs)) && this.note(key, ttlMs),
    );
  }

  /** Whether the last call found the shared cache unavailable. */
  get degraded(): boolean {
    return this.outage;
  }

  /** Resolves when what was written here during an outage has been handed back (tests, shutdown). */
  async settled(): Promise<void> {
    await this.flushing;
  }

  async close(): Promise<void> {
    await this.flushing;
    await this.local.close();
  }

  private async setLocal(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.local.set(key, value, ttlMs);
    this.note(key, ttlMs);
  }

  private note(key: string, ttlMs: number | undefined): true {
    this.pending.delete(key);
    this.pending.set(key, ttlMs === undefined ? Infinity : Date.now() + ttlMs);
    if (this.pending.size > MAX_PENDING) this.pending.delete(this.pending.keys().next().value as string);
    return true;
  }

  private async orLocal<T>(shared: () => Promise<T>, local: () => T | Promise<T>): Promise<T> {
    try {
      const result = await shared();
      if (this.outage) this.log.warn('shared cache is back: de-duplicating across processes again');
      this.outage = false;
      if (this.pending.size > 0) this.flushing ??= this.handBack().finally(() => (this.flushing = undefined));
      return result;
    } catch (error) {
      if (!(error instanceof CacheUnavailableError)) throw error;
      if (!this.outage) this.log.warn({ err: error }, 'shared cache unavailable: de-duplicating pushes in this process');
      this.outage = true;
      return local();
    }
  }

  /**
   * Writes what the outage left here to the shared cache, with the time it has left, and
   * forgets it here, unless it changed meanwhile (then it goes at the next pass).
   */
  private async handBack(): Promise<void> {
    for (const [key, expiresAt] of [...this.pending]) {
      const value = await this.local.get(key);
      const left = expiresAt === Infinity ? undefined : Math.floor(expiresAt - Date.now());
      if (value === null || (left !== undefined && left <= 0)) {
        this.pending.delete(key);
        continue;
      }
      try {
        await this.shared.set(key, value, left);
      } catch (error) {
        this.log.debug({ err: error }, 'handing de-duplication state back to the shared cache failed; will try again');
        return;
      }
      if ((await this.local.get(key)) === value && this.pending.get(key) === expiresAt) {
        this.pending.delete(key);
        await this.local.delete(key);
      }
    }
  }
}
