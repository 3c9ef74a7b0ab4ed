import type { LinkDownload, LinkRefusal, LinkService } from '../../web/ports';
import { cardValue } from './card';
import { cardVcard } from './card-vcard';
import type { LinkTokens, TokenRefusal } from './link-tokens';
import type { Person } from './person.model';
import type { PersonDirectory } from './person-directory';
import type { ProfileCards } from './profile-cards';
import { profileExport, type AccountFacts } from './profile-export';
import type { ProfileStore } from './profile-store';
import type { VisibilityStore } from './visibility-store';

/**
 * The requester of an own-card link (`card` alone): no person has this ID (person IDs are
 * random version-4 UUIDs, the nil UUID is not one), so it stands for "someone in a circle with
 * the target", and the vCard is the card `card` showed, judged again at download.
 */
export const AS_CIRCLES_SEE_IT = '00000000-0000-0000-0000-000000000000';

/** A link handed out in a reply: absolute, under PUBLIC_URL, and when it stops working. */
export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

/** What the chat commands hand out (`card`, `card <who>`, `export`, `page`). */
export interface LinkIssuer {
  /** `target`'s card as vCard, as `requester` may see it at download time. */
  cardLink(requesterId: string, targetId: string): Promise<IssuedLink>;
  /** The person's own card as vCard, as people in their circles see it at download time. */
  ownCardLink(personId: string): Promise<IssuedLink>;
  /** Everything held about the person, as JSON. */
  exportLink(personId: string): Promise<IssuedLink>;
  /** The person's own page, where they edit their profile (it grants editing: 1 hour). */
  pageLink(personId: string): Promise<IssuedLink>;
}

export interface ProfileLinksOptions {
  tokens: LinkTokens;
  persons: Pick<PersonDirectory, 'personById' | 'identitiesOf'>;
  profiles: Pick<ProfileStore, 'profileOf'>;
  visibility: Pick<VisibilityStore, 'settingsOf' | 'documentOf'>;
  cards: Pick<ProfileCards, 'cardFor' | 'asCircles'>;
  /** What an account's side knows of a follower (tie, console profile, language), for the export. */
  accountFacts: (accountId: string, openId: string) => Promise<AccountFacts>;
  /** The absolute base of links: PUBLIC_URL, else http://localhost:<port> (env-config.ts `publicBaseUrl`). */
  publicUrl: () => string;
  now?: () => Date;
}

const refusal = (reason: TokenRefusal): LinkRefusal => ({ refused: reason === 'expired' ? 'expired' : 'not-found' });
const NOT_FOUND: LinkRefusal = { refused: 'not-found' };

/**
 * Signed links to a person's data: made for the chat commands (LinkIssuer) and answered for
 * the browser edge (web/ports.ts LinkService). A link carries who asked and about whom, never
 * what they may see: that is judged when the link is opened, so a `share` made since applies,
 * and a forgotten person's link finds nothing (404).
 */
export class ProfileLinks implements LinkIssuer, LinkService {
  private readonly now: () => Date;

  constructor(private readonly options: ProfileLinksOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async cardLink(requesterId: string, targetId: string): Promise<IssuedLink> {
    return this.issue(await this.options.tokens.seal({ kind: 'card', target: targetId, requester: requesterId }), '/cards/', '.vcf');
  }

  ownCardLink(personId: string): Promise<IssuedLink> {
    return this.cardLink(AS_CIRCLES_SEE_IT, personId);
  }

  async exportLink(personId: string): Promise<IssuedLink> {
    return this.issue(await this.options.tokens.seal({ kind: 'export', person: personId }), '/export/', '.json');
  }

  async pageLink(personId: string): Promise<IssuedLink> {
    return this.issue(await this.options.tokens.seal({ kind: 'me', person: personId }), '/me/', '');
  }

  /** `/cards/<token>.vcf`: the card judged now for the requester the token names (or as circles see it). */
  async vcard(token: string): Promise<LinkDownload | LinkRefusal> {
    const opened = await this.options.tokens.open('card', token);
    if (!opened.ok) return refusal(opened.reason);
    const { target: targetId, requester: requesterId } = opened.claims;
    const [target, requester] = await Promise.all([
      this.options.persons.personById(targetId),
      requesterId === AS_CIRCLES_SEE_IT ? null : this.options.persons.personById(requesterId),
    ]);
    if (!target || (requesterId !== AS_CIRCLES_SEE_IT && !requester)) return NOT_FOUND;
    const card = requester ? await this.options.cards.cardFor(requester.personId, target) : await this.options.cards.asCircles(target);
    const shown = cardValue(card, 'name') ?? cardValue(card, 'nickname') ?? card.personCode;
    return { body: cardVcard(card), filename: `${shown}.vcf`, asciiFilename: `lianluo-${card.personCode}.vcf` };
  }

  /** `/export/<token>.json`: everything held about the person the token names. */
  async exportJson(token: string): Promise<LinkDownload | LinkRefusal> {
    const opened = await this.options.tokens.open('export', token);
    if (!opened.ok) return refusal(opened.reason);
    const person = await this.options.persons.personById(opened.claims.person);
    if (!person) return NOT_FOUND;
    const body = JSON.stringify(await this.gather(person), null, 2);
    const filename = `lianluo-export-${person.code}.json`;
    return { body, filename, asciiFilename: filename };
  }

  private async gather(person: Person) {
    const { persons, profiles, visibility, accountFacts } = this.options;
    const [identities, profile, settings, chosen] = await Promise.all([
      persons.identitiesOf(person.personId),
      profiles.profileOf(person.personId),
      visibility.settingsOf(person.personId),
      visibility.documentOf(person.personId),
    ]);
    const facts = await Promise.all(identities.map((identity) => Promise.all(identity.accounts.map((seen) => accountFacts(seen.accountId, seen.openId)))));
    return profileExport({ person, identities, accountFacts: facts, profile, settings, chosen, exportedAt: this.now() });
  }

  private issue(sealed: { token: string; expiresAt: Date }, prefix: string, suffix: string): IssuedLink {
    return { url: `${this.options.publicUrl()}${prefix}${sealed.token}${suffix}`, expiresAt: sealed.expiresAt };
  }
}
