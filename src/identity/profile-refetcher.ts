import type { Logger } from 'pino';
import type { Cache } from '../stores/cache';
import type { KnownIdentity } from './identity-store';

/** How a refetch ended: fetched and stored, the console failed, or skipped (another process, or too soon after the last). */
export type RefetchOutcome = 'refetched' | 'failed' | 'skipped';

const DAY_MS = 24 * 60 * 60 * 1000;
const key = (accountId: string, fakeId: string) => `refetch:${accountId}:${fakeId}`;
/** The default of {@link ProfileRefetcherOptions.everyMs}: a console that keeps failing is asked at most this often per follower. */
export const REFETCH_EVERY_MS = 10 * 60 * 1000;

export interface ProfileRefetcherOptions {
  cache: Cache;
  /** Fetches the follower's console profile again and stores it (the resolver's `refreshProfile`); null when the console failed. */
  refetch(identity: KnownIdentity, log: Logger): Promise<KnownIdentity | null>;
  /** Runs work after the reply (the bot's `Background`), logging what it throws. */
  runInBackground(label: string, work: () => Promise<void>): void;
  /** Profiles older than this many days are fetched again (`PROFILE_REFRESH_DAYS`). */
  maxAgeDays: number;
  /** At most one refetch of one follower's profile per this long, across processes (default {@link REFETCH_EVERY_MS}). */
  everyMs?: number;
  now: () => Date;
  /** Told how every refetch that was started ended (the metrics). */
  onOutcome?: (accountId: string, outcome: RefetchOutcome) => void;
}

/**
 * Keeps console profiles fresh (issue 11, §3): a known sender's profile older than the
 * configured age is fetched again when that follower next writes, in the background, never
 * inside the reply. The merge of what comes back (a same-value refetch is no change) follows the
 * resolver's `onProfile`, as for any fetched profile.
 *
 * The age is read from the identity the bot has already looked up for the push, so a fresh
 * profile costs nothing. A stale one takes a cache key per account and FakeID with
 * `setIfAbsent` for {@link ProfileRefetcherOptions.everyMs}: only one process refetches a
 * follower, and a console that fails is not asked again on every push. The key is per account
 * because each account's console shows its own copy of the profile.
 */
export class ProfileRefetcher {
  private readonly maxAgeMs: number;
  private readonly everyMs: number;

  constructor(private readonly options: ProfileRefetcherOptions) {
    this.maxAgeMs = options.maxAgeDays * DAY_MS;
    this.everyMs = options.everyMs ?? REFETCH_EVERY_MS;
  }

  /** True when the identity's console profile is older than the age; a missing one (the console failed at the tie) is stale too. */
  isStale(identity: KnownIdentity): boolean {
    if (!identity.profile) return true;
    return this.options.now().getTime() - identity.profile.fetchedAt.getTime() >= this.maxAgeMs;
  }

  /** Drops the refetch mark of a follower (`forget me`: the key names their FakeID). */
  async forget(accountId: string, fakeId: string): Promise<void> {
    await this.options.cache.delete(key(accountId, fakeId));
  }

  /**
   * Called with a known sender's identity on each push: starts a background refetch when its
   * profile is stale and no other process (or an earlier push) started one within `everyMs`.
   * Returns at once; never throws (the background logs a failure).
   */
  consider(identity: KnownIdentity, log: Logger): void {
    if (!this.isStale(identity)) return;
    const { accountId, fakeId } = identity;
    this.options.runInBackground('refetch a stale console profile', async () => {
      const taken = await this.options.cache.setIfAbsent(key(accountId, fakeId), this.options.now().toISOString(), this.everyMs);
      if (!taken) {
        this.options.onOutcome?.(accountId, 'skipped');
        return;
      }
      const fresh = await this.options.refetch(identity, log);
      this.options.onOutcome?.(accountId, fresh ? 'refetched' : 'failed');
      if (fresh) log.debug({ accountId }, 'stale console profile fetched again');
    });
  }
}
