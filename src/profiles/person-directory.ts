import { randomUUID } from 'node:crypto';
import { CacheUnavailableError, type Cache } from '../stores/cache';
import { DuplicateKeyError, type Collection, type DocumentStore } from '../stores/document-store';
import { newPersonCode, parsePersonCode } from './person-code';
import { personIdentityModel, type AccountSeen, type PersonIdentity } from './person-identity.model';
import { personModel, type Person } from './person.model';

/** Codes drawn for one person before giving up: a clash is one in billions, three in a row a broken generator. */
const CODE_TRIES = 5;

/** What the cache keeps per account and openID: the person, and the identity it was found by. */
interface CachedPerson {
  platform: string;
  fakeId: string;
  person: Person;
}

const key = (accountId: string, openId: string) => `person:${accountId}:${openId}`;

export interface PersonDirectoryOptions {
  now?: () => Date;
  /** Draws person codes; tests pass a fixed sequence to force clashes. */
  newCode?: () => string;
}

/**
 * Persons and their identities (patents CN102655505A, CN102664967A): who is behind a FakeID on
 * a platform, found or created in one call. The document store holds them; the cache keeps,
 * per account and openID, the person last found (without expiry: the pair never changes), so a
 * known person costs one cache read. While the cache is down the store answers alone.
 */
export class PersonDirectory {
  private readonly persons: Collection<Person>;
  private readonly identities: Collection<PersonIdentity>;
  private readonly now: () => Date;
  private readonly newCode: () => string;

  constructor(documents: DocumentStore, private readonly cache: Cache, options: PersonDirectoryOptions = {}) {
    this.persons = documents.collection(personModel);
    this.identities = documents.collection(personIdentityModel);
    this.now = options.now ?? (() => new Date());
    this.newCode = options.newCode ?? newPersonCode;
  }

  /**
   * The person behind `fakeId` on `platform`, seen through `accountId` as `openId`; created with
   * a new GUID and person code on first sight. Atomic across processes: the unique
   * (platform, FakeID) index lets one creation win, and the others take the winner's person.
   * @throws Error when the store fails, or when no free person code was drawn.
   */
  async personFor(platform: string, fakeId: string, accountId: string, openId: string): Promise<Person> {
    const cached = await this.readCache(accountId, openId);
    // The owner may move an account to another platform: a cached person of the old one is not it.
    if (cached && cached.platform === platform && cached.fakeId === fakeId) return cached.person;
    const { identity, created } = await this.identityFor(platform, fakeId, accountId, openId);
    if (!identity.accounts.some((seen) => seen.accountId === accountId && seen.openId === openId)) {
      await this.identities.updateOne({ platform, fakeId }, { $addToSet: { accounts: { accountId, openId } } });
    }
    const person = (created ? null : await this.persons.findOne({ personId: identity.personId }))
      ?? (await this.createPerson(identity.personId, identity.createdAt));
    await this.writeCache(accountId, openId, { platform, fakeId, person });
    return person;
  }

  /** The person an account's openID belongs to, or null when not known yet (the cache, else the store). */
  async findByAccount(accountId: string, openId: string): Promise<Person | null> {
    const cached = await this.readCache(accountId, openId);
    if (cached) return cached.person;
    const identity = await this.identities.findOne({ accounts: { $elemMatch: { accountId, openId } } });
    const person = identity ? await this.persons.findOne({ personId: identity.personId }) : null;
    if (identity && person) await this.writeCache(accountId, openId, { platform: identity.platform, fakeId: identity.fakeId, person });
    return person;
  }

  /** The person with this code, typed as people type it (any case, spaces); null when there is none. */
  async findByCode(typed: string): Promise<Person | null> {
    const code = parsePersonCode(typed);
    return code === null ? null : this.persons.findOne({ code });
  }

  /** The person with this GUID, or null when there is none (never was, or forgotten): one store read. */
  personById(personId: string): Promise<Person | null> {
    return this.persons.findOne({ personId });
  }

  /** A person's identities, oldest first. */
  identitiesOf(personId: string): Promise<PersonIdentity[]> {
    return this.identities.find({ personId }, { sort: { createdAt: 1, platform: 1, fakeId: 1 } });
  }

  /**
   * Deletes the person's cached lookups (`person:<account>:<openID>` of each account and openID
   * in `seen`). Unlike every other read of the cache here, a cache that cannot be reached is an
   * error: a copy left behind would bring a deleted person back on the next push.
   * @throws CacheUnavailableError, or whatever the cache throws
   */
  async forgetCached(seen: readonly AccountSeen[]): Promise<void> {
    for (const { accountId, openId } of seen) await this.cache.delete(key(accountId, openId));
  }

  /**
   * Deletes a person and its identities (`forget me`). The identities go first: a lookup that
   * runs meanwhile then finds no identity and creates a new person, rather than recreating this
   * one from an identity whose person is missing. Idempotent. Cached lookups are
   * {@link forgetCached}'s.
   * @throws whatever the store throws
   */
  async forget(personId: string): Promise<void> {
    await this.identities.deleteMany({ personId });
    await this.persons.deleteOne({ personId });
  }

  /** The stored identity of (platform, FakeID), inserted when missing; `created` when this call inserted it. */
  private async identityFor(platform: string, fakeId: string, accountId: string, openId: string): Promise<{ identity: PersonIdentity; created: boolean }> {
    const existing = await this.identities.findOne({ platform, fakeId });
    if (existing) return { identity: existing, created: false };
    const fresh: PersonIdentity = { platform, fakeId, personId: randomUUID(), accounts: [{ accountId, openId }], createdAt: this.now() };
    try {
      return { identity: await this.identities.insertOne(fresh), created: true };
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    // Another first message (maybe in another process) inserted it first: its person is the one.
    const winner = await this.identities.findOne({ platform, fakeId });
    if (!winner) throw new Error(`the identity ${platform}/${fakeId} was deleted while being created`);
    return { identity: winner, created: false };
  }

  /**
   * Inserts the person an identity points at, drawing another code on a clash. The identity is
   * stored first, so a crash in between leaves an identity whose person the next call creates;
   * a caller that loses the race to create it gets the winner's.
   */
  private async createPerson(personId: string, createdAt: Date): Promise<Person> {
    for (let attempt = 0; attempt < CODE_TRIES; attempt += 1) {
      try {
        return await this.persons.insertOne({ personId, code: this.newCode(), createdAt });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        const existing = await this.persons.findOne({ personId });
        if (existing) return existing;
        // Otherwise the code belongs to someone else: draw again.
      }
    }
    throw new Error(`no free person code after ${CODE_TRIES} draws`);
  }

  private async readCache(accountId: string, openId: string): Promise<CachedPerson | null> {
    const json = await this.cache.get(key(accountId, openId)).catch(orNullWhenUnavailable);
    if (json === null) return null;
    const parsed = JSON.parse(json) as CachedPerson & { person: { createdAt: string } };
    return { ...parsed, person: { ...parsed.person, createdAt: new Date(parsed.person.createdAt) } };
  }

  private async writeCache(accountId: string, openId: string, value: CachedPerson): Promise<void> {
    await this.cache.set(key(accountId, openId), JSON.stringify(value)).catch(orNullWhenUnavailable);
  }
}

/** Null for a cache that cannot be reached; any other error is thrown on. */
function orNullWhenUnavailable(error: unknown): null {
  if (error instanceof CacheUnavailableError) return null;
  throw error;
}
