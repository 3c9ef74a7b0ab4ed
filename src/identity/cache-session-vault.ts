import { createHash } from 'node:crypto';
import type { LoginBlock } from '../../scrapers/console-errors';
import type { SavedSession } from '../../scrapers/console-types';
import type { SessionVault } from '../../scrapers/session-vault';
import type { Cache } from '../stores/cache';

/** A login holds the lock at most this long (a dead holder frees it by expiry). */
const LOGIN_LOCK_MS = 30_000;
/** How often a process waiting for another's login looks for the session it saves. */
const WAIT_POLL_MS = 100;
/** A captcha demand clears by itself on the console after a while; wrong passwords and bans do not. */
const CAPTCHA_BLOCK_MS = 30 * 60_000;

/**
 * One account's console session in the cache: every process of the deployment shares it, and a
 * restart reuses it (Redis outlives the process). The login lock is the cache's lock, so one
 * process logs in at a time per account. A stop on automatic logins is kept under a
 * fingerprint of the credentials: when the owner fixes the password, the new fingerprint has
 * no stop and logins resume without anyone clearing anything.
 */
export class CacheSessionVault implements SessionVault {
  private readonly prefix: string;
  private readonly blockKey: string;

  constructor(
    private readonly cache: Cache,
    accountId: string,
    credentials: { url: string; username: string; password: string },
    private readonly hooks: { onBlock?: (block: LoginBlock) => void; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.prefix = `console:${accountId}`;
    const fingerprint = createHash('sha256')
      .update(`${credentials.url}\n${credentials.username}\n${credentials.password}`)
      .digest('hex')
      .slice(0, 16);
    this.blockKey = `${this.prefix}:login-stop:${fingerprint}`;
  }

  async load(): Promise<SavedSession | null> {
    const json = await this.cache.get(`${this.prefix}:session`);
    return json === null ? null : (JSON.parse(json) as SavedSession);
  }

  async save(session: SavedSession): Promise<void> {
    await this.cache.set(`${this.prefix}:session`, JSON.stringify(session));
  }

  async clear(): Promise<void> {
    await this.cache.delete(`${this.prefix}:session`);
  }

  async withLoginLock(login: () => Promise<SavedSession>): Promise<SavedSession | null> {
    const lock = await this.cache.lock(`${this.prefix}:login`, LOGIN_LOCK_MS);
    if (lock) {
      try {
        return await login();
      } finally {
        await lock.release();
      }
    }
    // Another process is logging in: wait for the session it saves instead of logging in too.
    const before = await this.load();
    for (let waited = 0; waited < LOGIN_LOCK_MS; waited += WAIT_POLL_MS) {
      await (this.hooks.sleep ?? delay)(WAIT_POLL_MS);
      const session = await this.load();
      if (session && session.loggedInAt !== before?.loggedInAt) return session;
      if ((await this.loginBlock()) !== null) return null;
    }
    return null;
  }

  async loginBlock(): Promise<LoginBlock | null> {
    const json = await this.cache.get(this.blockKey);
    return json === null ? null : (JSON.parse(json) as LoginBlock);
  }

  async blockLogins(block: LoginBlock): Promise<void> {
    const captcha = block.failure === 'captcha' || block.failure === 'wrong-captcha';
    await this.cache.set(this.blockKey, JSON.stringify(block), captcha ? CAPTCHA_BLOCK_MS : undefined);
    this.hooks.onBlock?.(block);
  }

  /**
   * Lifts the stop on automatic logins for these credentials: the owner has acted (solved the
   * captcha with `lianluo login`, or settled a ban). Resolves true when a stop was in force.
   */
  async liftLoginStop(): Promise<boolean> {
    return this.cache.delete(this.blockKey);
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
