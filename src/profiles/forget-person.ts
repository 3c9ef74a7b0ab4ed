import type { PersonDirectory } from './person-directory';
import type { AccountSeen } from './person-identity.model';
import type { Person } from './person.model';
import { PROFILE_FIELDS, type ProfileField } from './profile-fields';
import type { ProfileStore } from './profile-store';
import { SHAREABLE_FIELDS, type ShareableField } from './shareable-fields';
import type { VisibilityStore } from './visibility-store';

/** One identity of a person as `forget me` lists it: the FakeID on a platform, and every account and openID it was seen through. */
export interface ForgottenIdentity {
  platform: string;
  fakeId: string;
  accounts: AccountSeen[];
}

/**
 * Everything `forget me` deletes of one person, as shown before the confirmation and kept with
 * it: the confirmation deletes by this plan, so a retry after a failure midway still knows the
 * openIDs whose ties and cached copies are left, even once the person's identities are gone.
 */
export interface ForgetPlan {
  personId: string;
  code: string;
  identities: ForgottenIdentity[];
  /** The fields the profile holds (each with its history). */
  fields: ProfileField[];
  /** The fields the person shared away from their default. */
  sharedFields: ShareableField[];
}

/**
 * What the bot keeps about one follower of one account outside src/profiles: the identity tie
 * and console profile (src/identity), the remembered language, messages waiting in the outbox,
 * cache keys. The composition root implements it; it must be idempotent and must throw, not
 * skip, when the cache cannot be reached.
 */
export interface FollowerRecords {
  forgetFollower(accountId: string, openId: string, fakeId: string): Promise<void>;
}

export interface ForgetPersonDeps {
  persons: PersonDirectory;
  profiles: ProfileStore;
  visibility: VisibilityStore;
  followers: FollowerRecords;
}

/**
 * `forget me` (commands.md §2): what would be deleted of a person, and the deletion.
 *
 * Card, export and page links are signed tokens naming the person ID: once the person is
 * deleted they name nobody and stop working, so there is nothing to delete for them.
 */
export class ForgetPerson {
  constructor(private readonly deps: ForgetPersonDeps) {}

  /** What forgetting `person` would delete: three store reads. */
  async plan(person: Pick<Person, 'personId' | 'code'>): Promise<ForgetPlan> {
    const { persons, profiles, visibility } = this.deps;
    const [identities, profile, sharedFields] = await Promise.all([
      persons.identitiesOf(person.personId),
      profiles.profileOf(person.personId),
      visibility.sharedFieldsOf(person.personId),
    ]);
    return {
      personId: person.personId,
      code: person.code,
      identities: identities.map(({ platform, fakeId, accounts }) => ({ platform, fakeId, accounts: accounts.map(({ accountId, openId }) => ({ accountId, openId })) })),
      fields: PROFILE_FIELDS.filter((field) => profile?.items.some((item) => item.field === field)),
      sharedFields,
    };
  }

  /**
   * Deletes everything of the planned person: what is still there now and what the plan named
   * (a `set` since the plan is deleted too). Resolves with what was deleted, plan and present
   * together. Every step is idempotent, and the order makes a retry with the same plan finish
   * what a failure left:
   * 1. the cached person lookups, first: a cache that cannot be reached stops the deletion
   *    before anything is gone (a copy left there would bring the person back);
   * 2. the profile items (with their history) and the sharing settings;
   * 3. each follower's records: console profiles, tie, language, waiting messages;
   * 4. the identities, then the person: until here, anything that looks the person up finds
   *    the same person, so a retry of `forget me` plans the same deletion;
   * 5. the cached lookups again, since a push may have cached the person meanwhile;
   * 6. the items and settings again, in case a write that found the person landed meanwhile.
   * @throws whatever a store or the cache throws; what was deleted stays deleted
   */
  async forget(planned: ForgetPlan): Promise<ForgetPlan> {
    const { persons, profiles, visibility, followers } = this.deps;
    const plan = unite(planned, await this.plan(planned));
    const seen = plan.identities.flatMap((identity) => identity.accounts);
    await persons.forgetCached(seen);
    await profiles.forget(plan.personId);
    await visibility.forget(plan.personId);
    for (const identity of plan.identities) {
      for (const { accountId, openId } of identity.accounts) await followers.forgetFollower(accountId, openId, identity.fakeId);
    }
    await persons.forget(plan.personId);
    await persons.forgetCached(seen);
    // A write that found the person before it went (a page save, a `set` through another
    // account, a console merge) may have landed after the first deletion: nothing could reach it now.
    await profiles.forget(plan.personId);
    await visibility.forget(plan.personId);
    return plan;
  }
}

/** Two plans of one person as one: every identity and account, every field of either. */
export function unite(a: ForgetPlan, b: ForgetPlan): ForgetPlan {
  const identities = new Map<string, ForgottenIdentity>();
  for (const identity of [...a.identities, ...b.identities]) {
    const id = `${identity.platform}\u0000${identity.fakeId}`;
    const known = identities.get(id) ?? { platform: identity.platform, fakeId: identity.fakeId, accounts: [] };
    for (const seen of identity.accounts) {
      if (!known.accounts.some((other) => other.accountId === seen.accountId && other.openId === seen.openId)) known.accounts.push({ ...seen });
    }
    identities.set(id, known);
  }
  return {
    personId: a.personId,
    code: a.code,
    identities: [...identities.values()],
    fields: PROFILE_FIELDS.filter((field) => a.fields.includes(field) || b.fields.includes(field)),
    sharedFields: SHAREABLE_FIELDS.filter((field) => a.sharedFields.includes(field) || b.sharedFields.includes(field)),
  };
}
