import type { Logger } from 'pino';
import { CacheUnavailableError, type Cache } from './cache';
import { MemoryCache } from './memory-cache';

/** The calls of a cache that push de-duplication makes (webhooks/ports.ts `SeenStore`). */
export type SeenCalls = Pick<Cache, 'get' | 'set' | 'setIfAbsent'>;

/**
 * The shared cache with this process's memory behind it, for push de-duplication while the
 * shared cache is unavailable (issue 10, item 3). A key first written here during an outage is
 * kept here until it expires, so each push's state stays in one place; everything else goes to
 * the shared cache. Duplicates are then caught within this process only: a copy of the same
 * push at another process may run again, which beats answering no one.
 *
 * Only `CacheUnavailableError` falls back; any other error is a real fault and is thrown.
 */
export class FallbackCache implements SeenCalls {
  private readonly local: MemoryCache;
  private outage = false;

  constructor(private readonly shared: SeenCalls, private readonly log: Logger, local?: MemoryCache) {
    this.local = local ?? new MemoryCache({ maxEntries: 20_000 });
  }

  async get(key: string): Promise<string | null> {
    const here = await this.local.get(key);
    if (here !== null) return here;
    return this.orLocal(() => this.shared.get(key), () => null);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if ((await this.local.get(key)) !== null) return this.local.set(key, value, ttlMs);
    return this.orLocal(() => this.shared.set(key, value, ttlMs), () => this.local.set(key, value, ttlMs));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if ((await this.local.get(key)) !== null) return false;
    return this.orLocal(() => this.shared.setIfAbsent(key, value, ttlMs), () => this.local.setIfAbsent(key, value, ttlMs));
  }

  /** Whether the last call found the shared cache unavailable. */
  get degraded(): boolean {
    return this.outage;
  }

  async close(): Promise<void> {
    await this.local.close();
  }

  private async orLocal<T>(shared: () => Promise<T>, local: () => T | Promise<T>): Promise<T> {
    try {
      const result = await shared();
      if (this.outage) this.log.warn('shared cache is back: de-duplicating across processes again');
      this.outage = false;
      return result;
    } catch (error) {
      if (!(error instanceof CacheUnavailableError)) throw error;
      if (!this.outage) this.log.warn({ err: error }, 'shared cache unavailable: de-duplicating pushes in this process');
      this.outage = true;
      return local();
    }
  }
}
