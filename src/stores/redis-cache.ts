import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { CacheUnavailableError, type Cache, type CacheLock } from './cache';

/**
 * Deletes the lock only if it still holds this holder's token. GET then DEL from the client would
 * let a lock that expired in between, and was taken by someone else, be deleted by the old holder.
 */
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * Defaults that make a down Redis fail calls within about two seconds instead of hanging them.
 * Commands wait in the offline queue while ioredis (re)connects, so the first call after start-up
 * and calls during a short blip still succeed; but only through two connection attempts, at most
 * a second apart (ioredis' own back-off grows to five seconds), and never past `commandTimeout`.
 */
/** How long a command may take before its call rejects (a Redis that accepts but never answers). */
const COMMAND_TIMEOUT_MS = 2_000;
/** After a command got no answer, how long calls fail at once before one probes again. */
const STALL_PAUSE_MS = 1_000;

const CLIENT_DEFAULTS: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: true,
  maxRetriesPerRequest: 1,
  retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
  connectTimeout: 2_000,
  // No `commandTimeout`: ioredis leaves its timer running when the connection drops under a
  // command (redis/ioredis#1535), holding the process open on shutdown; `run` times commands.
  // After a refused connection ioredis still waits this long for a socket that already closed.
  disconnectTimeout: 200,
  // Commands issued in the same tick share one write and one read: under load every push's
  // SET NX, GET and SET travel together instead of costing a system call each.
  enableAutoPipelining: true,
};

/**
 * The Redis {@link Cache} (`REDIS_URL`): shared by every instance of the bot.
 *
 * Construction never connects: the client connects on the first command. When Redis cannot be
 * reached, calls reject with `Redis at <url> is unreachable: <reason>` (the URL without its
 * password) and the client keeps reconnecting in the background. The lock `name` is held at key
 * `<prefix>lock:<name>`.
 */
export class RedisCache implements Cache {
  private readonly client: Redis;
  /** Only a client this cache created is closed by `close()`; a given one belongs to its caller. */
  private readonly ownsClient: boolean;
  private readonly prefix: string;
  private readonly where: string;
  private lastError: Error | undefined;
  /** Set when the connection failed or dropped, cleared when it is ready again. */
  private down = false;
  /**
   * After a command got no answer (a connected but silent server): calls fail at once until
   * this time (epoch ms), then one call probes while the others keep failing fast; an answer
   * clears it. 0: no stall known.
   */
  private stalledUntil = 0;
  private closed = false;
  private readonly onError = (err: Error): void => {
    // Without a listener ioredis reports every failed reconnection as an unhandled 'error'.
    this.lastError = err;
    this.down = true;
  };
  private readonly onClose = (): void => {
    this.down = true;
  };
  private readonly onReady = (): void => {
    this.down = false;
  };

  /**
   * @param target a `redis://` URL, or an ioredis client to share (its options are then the caller's).
   * @param prefix prepended to every key, so several apps or test runs can share one Redis.
   * @param redisOptions passed to ioredis when the cache creates its client, over the defaults above.
   */
  constructor(target: string | Redis, prefix = 'lianluo:', redisOptions: RedisOptions = {}) {
    this.prefix = prefix;
    if (typeof target === 'string') {
      this.where = redact(target);
      this.client = new Redis(target, { ...CLIENT_DEFAULTS, ...redisOptions });
      this.ownsClient = true;
    } else {
      this.where = `${target.options.host ?? 'localhost'}:${target.options.port ?? 6379}`;
      this.client = target;
      this.ownsClient = false;
    }
    this.client.on('error', this.onError);
    this.client.on('close', this.onClose);
    this.client.on('ready', this.onReady);
  }

  get(key: string): Promise<string | null> {
    return this.run(() => this.client.get(this.prefix + key));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.run(() =>
      ttlMs === undefined
        ? this.client.set(this.prefix + key, value)
        : this.client.set(this.prefix + key, value, 'PX', checkTtl(ttlMs)),
    );
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.run(() => this.client.set(this.prefix + key, value, 'PX', checkTtl(ttlMs), 'NX'));
    return reply === 'OK';
  }

  async delete(key: string): Promise<boolean> {
    return (await this.run(() => this.client.del(this.prefix + key))) > 0;
  }

  async lock(name: string, ttlMs: number): Promise<CacheLock | null> {
    const key = `${this.prefix}lock:${name}`;
    const token = randomUUID();
    const reply = await this.run(() => this.client.set(key, token, 'PX', checkTtl(ttlMs), 'NX'));
    if (reply !== 'OK') return null;
    return {
      release: async () => (await this.run(() => this.client.eval(RELEASE_SCRIPT, 1, key, token))) === 1,
    };
  }

  async ping(): Promise<void> {
    await this.run(() => this.client.ping());
  }

  /** Quits its own client (waiting for pending replies); a shared client is left open. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.ownsClient) {
      this.client.off('error', this.onError);
      return;
    }
    // QUIT on a client that never connected would first connect just to say goodbye. The error
    // listener stays: a connection attempt under way may still fail after this.
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }

  /**
   * Runs a command within COMMAND_TIMEOUT_MS, turning connection failures into one clear
   * `CacheUnavailableError`. While the connection is known to be down (it failed or dropped and
   * ioredis is reconnecting in the background) calls fail at once instead of each waiting for a
   * connection attempt: a push must learn within microseconds that it has to do without.
   */
  private async run<R>(command: () => Promise<R>): Promise<R> {
    if (this.closed) throw new Error('RedisCache is closed');
    if (this.down && this.client.status !== 'ready') {
      throw new CacheUnavailableError(`Redis at ${this.where} is unreachable: ${this.lastError?.message ?? 'connection lost'}`);
    }
    if (this.stalledUntil !== 0) {
      if (Date.now() < this.stalledUntil) throw new CacheUnavailableError(`Redis at ${this.where} is unreachable: not answering`);
      this.stalledUntil = Date.now() + COMMAND_TIMEOUT_MS + STALL_PAUSE_MS; // this call probes
    }
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        this.stalledUntil = Date.now() + STALL_PAUSE_MS;
        reject(new CacheUnavailableError(`Redis at ${this.where} is unreachable: no answer in ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      timer.unref(); // a command that outlives close() must not hold the process open
    });
    try {
      const result = await Promise.race([command(), timeout]);
      this.stalledUntil = 0;
      return result;
    } catch (err) {
      if (timedOut) throw err; // connected but silent (a stalled server) is unavailable too
      // A connected client that fails a command got a real reply error (wrong type, script error).
      if (this.client.status === 'ready' || err instanceof RangeError) throw err;
      const reason = this.lastError?.message ?? (err instanceof Error ? err.message : String(err));
      throw new CacheUnavailableError(`Redis at ${this.where} is unreachable: ${reason}`, { cause: err });
    } finally {
      clearTimeout(timer);
    }
  }
}

/** Redis refuses `PX` values that are not positive integers; this says so before the round trip. */
function checkTtl(ttlMs: number): number {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0) throw new RangeError(`TTL must be a positive whole number of milliseconds, got ${ttlMs}`);
  return ttlMs;
}

/** The address for messages, logs and `/readyz`: host and port only, so no credential can leak. */
function redact(url: string): string {
  try {
    const { protocol, host } = new URL(url);
    return `${protocol}//${host}`;
  } catch {
    return 'the configured Redis';
  }
}
