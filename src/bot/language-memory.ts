import type { Lang } from '../i18n';
import type { Cache } from '../stores/cache';

/** Options of {@link LanguageMemory}; the defaults suit production. */
export interface LanguageMemoryOptions {
  /** How long the cache keeps a follower's language after it was last written (default 90 days). */
  ttlMs?: number;
  /**
   * A follower who keeps writing in one language is written again after this long (default one
   * day): it keeps the entry from expiring, and bounds how long another process's newer write
   * can be shadowed by this process's memory.
   */
  refreshMs?: number;
  /** Followers this process remembers at most; the least recently used are forgotten first. */
  maxEntries?: number;
  now?: () => Date;
}

interface Seen {
  lang: Lang;
  /** When this process last wrote (or read back) the cache entry, epoch milliseconds. */
  at: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const key = (accountId: string, openId: string) => `language:${accountId}:${openId}`;

/**
 * The language each follower last wrote in, per account and openID, so that pushes without
 * words (images, locations, voice without recognition, events) are answered in it.
 *
 * Every text push notes its language, so the write must be cheap: a small LRU in front of the
 * cache remembers what this process last wrote, and the cache is written only when the language
 * changes, is not known here, or was written more than `refreshMs` ago. Recalling reads the
 * cache, since another process may have seen the follower's latest text.
 */
export class LanguageMemory {
  private readonly seen = new Map<string, Seen>();
  private readonly ttlMs: number;
  private readonly refreshMs: number;
  private readonly maxEntries: number;
  private readonly now: () => Date;

  constructor(private readonly cache: Cache, options: LanguageMemoryOptions = {}) {
    this.ttlMs = options.ttlMs ?? 90 * DAY_MS;
    this.refreshMs = options.refreshMs ?? DAY_MS;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * The language the follower last wrote in, or null when it is not known (never wrote, or
   * not for `ttlMs`).
   *
   * @throws whatever the cache throws; callers answer in both languages then
   */
  async recall(accountId: string, openId: string): Promise<Lang | null> {
    const k = key(accountId, openId);
    const value = await this.cache.get(k);
    const lang = value === 'zh' || value === 'en' ? value : null;
    // Keep this process's memory in line with the cache, so the next text that differs is written.
    if (lang === null) this.seen.delete(k);
    else if (this.seen.get(k)?.lang !== lang) this.remember(k, { lang, at: this.now().getTime() });
    return lang;
  }

  /**
   * Notes that the follower wrote in `lang`. Costs nothing when this process already wrote
   * that language for them within `refreshMs`; otherwise one cache write.
   *
   * @throws whatever the cache throws (nothing is remembered then, so the next push tries again)
   */
  async note(accountId: string, openId: string, lang: Lang): Promise<void> {
    const k = key(accountId, openId);
    const now = this.now().getTime();
    const last = this.seen.get(k);
    if (last && last.lang === lang && now - last.at < this.refreshMs) {
      this.remember(k, last); // most recently used again
      return;
    }
    await this.cache.set(k, lang, this.ttlMs);
    this.remember(k, { lang, at: now });
  }

  /**
   * Forgets the follower's language here and in the cache (`forget me`). A note of the same push
   * started before this was sent to the cache first, so it cannot land after the deletion.
   *
   * @throws whatever the cache throws
   */
  async forget(accountId: string, openId: string): Promise<void> {
    const k = key(accountId, openId);
    this.seen.delete(k);
    await this.cache.delete(k);
  }

  /** Followers remembered in this process (bounded by `maxEntries`). */
  get size(): number {
    return this.seen.size;
  }

  private remember(k: string, seen: Seen): void {
    // A Map iterates in insertion order: re-inserting makes `k` the newest, the first is the oldest.
    this.seen.delete(k);
    this.seen.set(k, seen);
    if (this.seen.size > this.maxEntries) this.seen.delete(this.seen.keys().next().value as string);
  }
}
