/**
 * The cache: short-lived and shared state (push de-duplication, identities, console sessions).
 * Backends: Redis (`REDIS_URL`, redis-cache.ts) and in-process (memory-cache.ts).
 * Values are strings; callers serialise. TTLs are in milliseconds.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** Sets `key`; with `ttlMs` it expires after that many milliseconds, without it it lasts. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets `key` only if it does not exist (Redis `SET NX PX`). Resolves true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes `key`; resolves true when it existed. */
  delete(key: string): Promise<boolean>;
  /**
   * Takes the lock `name` for at most `ttlMs` (it expires by itself if the holder dies).
   * Resolves null when another holder has it. Only the holder's `release` frees it.
   */
  lock(name: string, ttlMs: number): Promise<CacheLock | null>;
  /** Resolves when the backend answers; rejects when it cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface CacheLock {
  /** Frees the lock if this holder still has it; resolves false when it had already expired. */
  release(): Promise<boolean>;
}

/**
 * The cache cannot be reached (Redis down, or not answering): what needs shared state must say
 * so, and what does not can go on. Any other error from a cache is a real fault.
 */
export class CacheUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CacheUnavailableError';
  }
}
