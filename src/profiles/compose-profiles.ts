import type { Lang } from '../i18n';
import type { KnownIdentity } from '../identity/identity-store';
import type { Cache } from '../stores/cache';
import type { DocumentStore } from '../stores/document-store';
import { LinkTokens } from './link-tokens';
import { OwnPage } from './own-page';
import { PersonDirectory } from './person-directory';
import { ProfileAccess } from './profile-access';
import { ProfileCards } from './profile-cards';
import type { AccountFacts } from './profile-export';
import { ProfileLinks } from './profile-links';
import { ProfileStore } from './profile-store';
import { noRelations, type RelationSource } from './relation';
import { ServerSecret } from './server-secret';
import { VisibilityStore } from './visibility-store';

export interface ProfilesWiringOptions {
  documents: DocumentStore;
  cache: Cache;
  now: () => Date;
  /** `SECRET_KEY`; unset: the secret generated once and kept in the document store. */
  secretKey?: string;
  /** The absolute base of links, asked each time a link is made (the port may be known only once listening). */
  publicUrl: () => string;
  /** Stored identities (src/identity), for the export: how each openID was tied and the console's profile. */
  identities: { find(accountId: string, openId: string): Promise<KnownIdentity | null> };
  /** The language each follower last wrote in, for the export. */
  languages: { recall(accountId: string, openId: string): Promise<Lang | null> };
  /** Where contacts and circles come from; until those issues, nobody is related to anybody. */
  relations?: RelationSource;
}

/** The profiles domain, wired: persons, profiles, sharing, the judge, cards, signed links and the own page. */
export interface ProfilesWiring {
  persons: PersonDirectory;
  profiles: ProfileStore;
  visibility: VisibilityStore;
  access: ProfileAccess;
  cards: ProfileCards;
  links: ProfileLinks;
  /** The person's own page behind `/me/<token>` (web/ports.ts OwnPageService). */
  ownPage: OwnPage;
}

/**
 * Builds the profiles domain over the stores (the composition root's part for src/profiles);
 * connects nothing and reads nothing until asked.
 */
export function composeProfiles(options: ProfilesWiringOptions): ProfilesWiring {
  const { documents, cache, now } = options;
  const persons = new PersonDirectory(documents, cache, { now });
  const profiles = new ProfileStore(documents, { now });
  const visibility = new VisibilityStore(documents, now);
  const access = new ProfileAccess(visibility, options.relations ?? noRelations);
  const cards = new ProfileCards(profiles, access);
  const secret = new ServerSecret(documents, options.secretKey, now);
  const tokens = new LinkTokens(() => secret.get(), now);
  const accountFacts = async (accountId: string, openId: string): Promise<AccountFacts> => {
    const [known, language] = await Promise.all([
      options.identities.find(accountId, openId),
      // The cache may be down: the export goes out without the language rather than not at all.
      options.languages.recall(accountId, openId).catch(() => null),
    ]);
    return {
      ...(known ? { tied: { strategy: known.strategy, at: known.resolvedAt } } : {}),
      ...(known?.profile ? { console: known.profile } : {}),
      language,
    };
  };
  const links = new ProfileLinks({ tokens, persons, profiles, visibility, cards, accountFacts, publicUrl: options.publicUrl, now });
  const ownPage = new OwnPage({ tokens, persons, profiles, visibility, now });
  return { persons, profiles, visibility, access, cards, links, ownPage };
}
