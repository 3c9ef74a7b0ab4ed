import type { ConsoleProfile } from '../identity/console-profile.model';
import type { Lang } from '../i18n';
import type { Person } from './person.model';
import type { PersonIdentity } from './person-identity.model';
import { PROFILE_FIELDS } from './profile-fields';
import type { ItemSource, PersonProfile, ProfileItem } from './profile-item.model';
import { SHAREABLE_FIELDS } from './shareable-fields';
import type { VisibilityDocument } from './visibility.model';
import type { VisibilitySettings } from './visibility-settings';

/** The export's format, so a reader can tell a later one apart. */
export const EXPORT_FORMAT = 'lianluo-export/1';

/** What the bot knows of one account's follower besides the person: the tie, the console's profile, the language. */
export interface AccountFacts {
  /** How and when the openID was tied to the FakeID (identity resolution). */
  tied?: { strategy: string; at: Date };
  /** The profile as that account's console last showed it. */
  console?: ConsoleProfile;
  /** The language the follower last wrote in to that account (kept 90 days). */
  language?: Lang | null;
}

/** Everything held about a person, gathered by the caller (profile-links.ts): this file reads no store. */
export interface ExportSources {
  person: Person;
  identities: readonly PersonIdentity[];
  /** Per identity (same order), per account seen (same order): what that account's side knows. */
  accountFacts: ReadonlyArray<readonly AccountFacts[]>;
  profile: PersonProfile | null;
  settings: VisibilitySettings;
  /** The settings as stored: which fields the person chose (the others are defaults). */
  chosen: VisibilityDocument | null;
  exportedAt: Date;
}

const iso = (date: Date) => date.toISOString();

const sourceJson = ({ kind, platform, accountId }: ItemSource) => ({
  kind, ...(platform !== undefined ? { platform } : {}), ...(accountId !== undefined ? { accountId } : {}),
});

function itemJson(item: ProfileItem) {
  return {
    value: item.value,
    source: sourceJson(item.source),
    sourceUpdatedAt: iso(item.sourceUpdatedAt),
    storedAt: iso(item.storedAt),
    history: item.history.map((past) => ({ value: past.value, source: sourceJson(past.source), sourceUpdatedAt: iso(past.sourceUpdatedAt) })),
    consoleSeen: item.consoleSeen.map((seen) => ({ platform: seen.platform, value: seen.value, seenAt: iso(seen.seenAt) })),
  };
}

function consoleJson(profile: ConsoleProfile) {
  const { nickName, remarkName, userName, signature, country, province, city, gender, fetchedAt } = profile;
  return { nickName, remarkName, userName, signature, country, province, city, gender, fetchedAt: iso(fetchedAt) };
}

function accountJson(seen: { accountId: string; openId: string }, facts: AccountFacts | undefined) {
  return {
    accountId: seen.accountId,
    openId: seen.openId,
    ...(facts?.tied ? { tied: { strategy: facts.tied.strategy, at: iso(facts.tied.at) } } : {}),
    ...(facts?.console ? { console: consoleJson(facts.console) } : {}),
    language: facts?.language ?? null,
  };
}

/**
 * The export (`export`/`导出`): everything the bot keeps about a person, as plain JSON with ISO
 * 8601 UTC times. The person (code, created; the internal GUID is never shown), each identity
 * (platform, FakeID, since when) with every account it was seen through (openID, how it was
 * tied, the console's profile, the remembered language), every profile field with its source,
 * times, earlier values and what each console showed, and who may see each field (with whether
 * the person chose it or it is the default).
 */
export function profileExport(sources: ExportSources) {
  const { person, identities, accountFacts, profile, settings, chosen } = sources;
  const fields = Object.fromEntries(
    PROFILE_FIELDS.flatMap((field) => (profile?.items ?? []).filter((item) => item.field === field).slice(0, 1).map((item) => [field, itemJson(item)])),
  );
  return {
    format: EXPORT_FORMAT,
    exportedAt: iso(sources.exportedAt),
    person: { code: person.code, created: iso(person.createdAt) },
    identities: identities.map((identity, index) => ({
      platform: identity.platform,
      fakeId: identity.fakeId,
      since: iso(identity.createdAt),
      accounts: identity.accounts.map((seen, at) => accountJson(seen, accountFacts[index]?.[at])),
    })),
    profile: { fields, ...(profile ? { updatedAt: iso(profile.updatedAt) } : {}) },
    visibility: {
      fields: Object.fromEntries(SHAREABLE_FIELDS.map((field) => [field, {
        audience: settings[field].audience,
        circles: [...settings[field].circles],
        chosen: chosen?.[field] !== undefined,
      }])),
      ...(chosen ? { updatedAt: iso(chosen.updatedAt) } : {}),
    },
  };
}

/** The export as a plain object, as `JSON.stringify` writes it. */
export type ProfileExport = ReturnType<typeof profileExport>;
