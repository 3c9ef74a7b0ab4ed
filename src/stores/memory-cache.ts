import { randomUUID } from 'node:crypto';
import type { Cache, CacheLock } from './cache';

/** Options of {@link MemoryCache}; the defaults suit production. */
export interface MemoryCacheOptions {
  /** How often expired entries are swept out, in milliseconds (default one minute). */
  sweepIntervalMs?: number;
  /**
   * Entries held at most (default 50,000: up to some 100 MB of rendered replies): past it, expired
   * entries are swept and then the oldest entries are dropped, down to 90%: those with a TTL
   * first, the oldest without one only when that is not enough; held locks never.
   */
  maxEntries?: number;
}

interface Entry {
  value: string;
  /** Epoch milliseconds; `Infinity` for entries without a TTL. */
  expiresAt: number;
}

/**
 * The in-process {@link Cache}, the embedded default when `REDIS_URL` is not set. State lives in
 * this process only, so it suits a single instance. Expired entries are invisible as soon as
 * their time is up (checked on every read) and are removed by a periodic sweep, so keys that are
 * written once and never read again do not grow memory without bound.
 *
 * The lock `name` is held at key `lock:<name>`, as in {@link RedisCache}, so both backends share
 * one key space the same way.
 */
export class MemoryCache implements Cache {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly maxEntries: number;
  private closed = false;

  constructor(options: MemoryCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 50_000;
    this.sweeper = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 60_000);
    // The sweep is housekeeping: it must never keep the process alive on its own.
    this.sweeper.unref();
  }

  /** Entries held, including expired ones the next sweep will remove. */
  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.assertOpen();
    this.entries.delete(key); // re-inserted: the newest, so the last to be dropped
    this.entries.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : Date.now() + checkTtl(ttlMs) });
    this.bound();
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    checkTtl(ttlMs);
    if (this.live(key)) return false;
    this.entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    this.bound();
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.live(key) !== undefined && this.entries.delete(key);
  }

  async lock(name: string, ttlMs: number): Promise<CacheLock | null> {
    const key = `lock:${name}`;
    // The token tells this holder apart from a later one that took the lock after ours expired.
    const token = randomUUID();
    if (!(await this.setIfAbsent(key, token, ttlMs))) return null;
    return {
      release: async () => this.live(key)?.value === token && this.entries.delete(key),
    };
  }

  async ping(): Promise<void> {
    this.assertOpen();
  }

  /** Stops the sweep and forgets every entry; later calls reject. Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.sweeper);
    this.entries.clear();
  }

  /** The entry under `key` if it has not expired; an expired one is dropped on the way. */
  private live(key: string): Entry | undefined {
    this.assertOpen();
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('MemoryCache is closed');
  }

  /**
   * Keeps the map within `maxEntries` (see the option); a no-op below it. One pass goes down to
   * 90%, so passes come at most once per tenth of `maxEntries` inserts.
   */
  private bound(): void {
    if (this.entries.size <= this.maxEntries) return;
    this.sweep();
    const target = Math.floor(this.maxEntries * 0.9);
    // A Map iterates in insertion order: the first entries are the oldest. Entries that expire
    // anyway go first; then, only if that was not enough, the oldest of the rest (copies of the
    // document store such as identities, which are read back from there).
    for (const lasting of [false, true]) {
      for (const [key, entry] of this.entries) {
        if (this.entries.size <= target) return;
        // A held lock is never dropped: that would let a second holder in.
        if ((entry.expiresAt === Infinity) === lasting && !key.startsWith('lock:')) this.entries.delete(key);
      }
    }
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.entries.delete(key);
    }
  }
}

/** Redis refuses `PX` values that are not positive integers; refusing them here too keeps the backends alike. */
function checkTtl(ttlMs: number): number {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`TTL must be a positive whole number of milliseconds, got ${ttlMs}`);
  return ttlMs;
}
