import { CacheUnavailableError, type Cache } from '../stores/cache';
import { DuplicateKeyError, type Collection, type DocumentStore } from '../stores/document-store';
import { consoleProfileModel, type ConsoleProfile } from './console-profile.model';
import { identityModel, type IdentityRecord } from './identity.model';

/** A follower the bot has identified: the pair, how and when, and the profile when fetched. */
export interface KnownIdentity extends IdentityRecord {
  profile?: ConsoleProfile;
}

/** Where a lookup found the identity: the cache, the document store (a cache miss), or nowhere. */
export type LookupResult = 'cache' | 'store' | 'unknown';

/** What `tie` did. */
export type TieOutcome = 'tied' | 'already-tied' | 'fakeid-taken';

const key = (accountId: string, openId: string) => `identity:${accountId}:${openId}`;

/**
 * Identities and console profiles: the document store holds them for good, the cache holds a
 * copy of each (without expiry: the pair never changes) so a known sender costs one cache read.
 */
export class IdentityStore {
  private readonly identities: Collection<IdentityRecord>;
  private readonly profiles: Collection<ConsoleProfile>;

  constructor(
    documents: DocumentStore,
    private readonly cache: Cache,
    /** Told where every `find` found its answer (the metrics' cache hit ratio). */
    private readonly onLookup: (result: LookupResult) => void = () => undefined,
  ) {
    this.identities = documents.collection(identityModel);
    this.profiles = documents.collection(consoleProfileModel);
  }

  /** The identity of `openId` in `accountId`: from the cache, else the document store (then cached). */
  async find(accountId: string, openId: string): Promise<KnownIdentity | null> {
    // The documents are the truth and the cache a copy: while the cache is down, read the truth.
    const cached = await this.cache.get(key(accountId, openId)).catch(orNullWhenUnavailable);
    if (cached !== null) {
      this.onLookup('cache');
      return revive(cached);
    }
    const record = await this.identities.findOne({ accountId, openId });
    this.onLookup(record ? 'store' : 'unknown');
    if (!record) return null;
    const profile = await this.profiles.findOne({ accountId, fakeId: record.fakeId });
    const known: KnownIdentity = profile ? { ...record, profile } : record;
    await this.cache.set(key(accountId, openId), JSON.stringify(known)).catch(orNullWhenUnavailable);
    return known;
  }

  /** The openIDs already tied to any of `fakeIds` in `accountId`, by FakeID. */
  async tiedOpenIds(accountId: string, fakeIds: readonly string[]): Promise<Map<string, string>> {
    if (fakeIds.length === 0) return new Map();
    const records = await this.identities.find({ accountId, fakeId: { $in: [...new Set(fakeIds)] } });
    return new Map(records.map((r) => [r.fakeId, r.openId]));
  }

  /**
   * Ties `record.openId` to `record.fakeId`. Refuses (`fakeid-taken`) when the FakeID already
   * belongs to another openID of the account: the unique index decides, so two processes
   * racing cannot both win.
   */
  async tie(record: IdentityRecord): Promise<TieOutcome> {
    try {
      await this.identities.insertOne(record);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const existing = await this.identities.findOne({ accountId: record.accountId, openId: record.openId });
      return existing?.fakeId === record.fakeId ? 'already-tied' : 'fakeid-taken';
    }
    await this.cache.set(key(record.accountId, record.openId), JSON.stringify(record));
    return 'tied';
  }

  /**
   * Deletes what is kept of one follower of one account (`forget me`): the console profiles of
   * `fakeId` (and of the FakeID the tie names, should it differ), the tie, then its cached copy.
   * The documents go first, so a cache failure leaves nothing the cache could bring back.
   * Idempotent: a second call finds nothing and deletes nothing.
   * @throws whatever the stores throw, the cache's CacheUnavailableError included
   */
  async forget(accountId: string, openId: string, fakeId: string): Promise<void> {
    const tie = await this.identities.findOne({ accountId, openId });
    const fakeIds = [...new Set([fakeId, ...(tie ? [tie.fakeId] : [])])];
    await this.profiles.deleteMany({ accountId, fakeId: { $in: fakeIds } });
    await this.identities.deleteMany({ accountId, openId });
    await this.cache.delete(key(accountId, openId));
  }

  /**
   * Stores a freshly fetched profile and refreshes the cached identity of its follower. Null,
   * storing nothing, when the follower is no longer tied to that FakeID: a fetch still running
   * when the follower said `forget me` must not bring them back.
   */
  async saveProfile(openId: string, profile: ConsoleProfile): Promise<KnownIdentity | null> {
    if (!(await this.identities.findOne({ accountId: profile.accountId, openId, fakeId: profile.fakeId }))) return null;
    await this.profiles.updateOne(
      { accountId: profile.accountId, fakeId: profile.fakeId },
      { $set: profile },
      { upsert: true },
    );
    await this.cache.delete(key(profile.accountId, openId));
    return this.find(profile.accountId, openId);
  }
}

function revive(json: string): KnownIdentity {
  const parsed = JSON.parse(json) as KnownIdentity & { resolvedAt: string; profile?: ConsoleProfile & { fetchedAt: string } };
  return {
    ...parsed,
    resolvedAt: new Date(parsed.resolvedAt),
    ...(parsed.profile ? { profile: { ...parsed.profile, fetchedAt: new Date(parsed.profile.fetchedAt) } } : {}),
  };
}

/** Null for a cache that cannot be reached; any other error is thrown on. */
function orNullWhenUnavailable(error: unknown): null {
  if (error instanceof CacheUnavailableError) return null;
  throw error;
}
