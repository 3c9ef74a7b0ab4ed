import { say, type Bilingual, type Lang } from '../i18n';
import type { ActiveMessenger, Delivery, SendOptions } from './active-messenger';
import type { Recipient } from './outbox';

/** Where a person can be written to: each account they were seen through, with its openID. */
export interface PersonAddresses {
  identitiesOf(personId: string): Promise<ReadonlyArray<{ accounts: ReadonlyArray<{ accountId: string; openId: string }> }>>;
}

export interface PersonNotifierOptions {
  persons: PersonAddresses;
  messenger: ActiveMessenger;
  languages: { recall(accountId: string, openId: string): Promise<Lang | null> };
  /** Where the person was last active (presence), tried first; unset or null: their first account. */
  lastSeen?: (personId: string) => Promise<Recipient | null>;
}

/**
 * Tells a person something outside a reply (a contact request, a merge, a status): one active
 * message, through the account they were last active on (else the first they were seen
 * through), in the language they last wrote in there (else both).
 */
export class PersonNotifier {
  constructor(private readonly options: PersonNotifierOptions) {}

  /** Resolves how the message left, or null when the person has no account to write to. `dedupKey`: see SendOptions. */
  async notify(personId: string, text: Bilingual | ((lang: Lang | null) => string), options: Pick<SendOptions, 'dedupKey'> = {}): Promise<Delivery | null> {
    const to = await this.addressOf(personId);
    if (!to) return null;
    const lang = await this.options.languages.recall(to.account, to.openId).catch(() => null);
    const content = typeof text === 'function' ? text(lang) : say(text, lang);
    return this.options.messenger.send(to, { type: 'text', content }, options);
  }

  /** The account and openID a message to the person goes to, or null. */
  async addressOf(personId: string): Promise<Recipient | null> {
    const seen = await this.options.lastSeen?.(personId);
    if (seen) return seen;
    for (const identity of await this.options.persons.identitiesOf(personId)) {
      const first = identity.accounts[0];
      if (first) return { account: first.accountId, openId: first.openId };
    }
    return null;
  }
}
