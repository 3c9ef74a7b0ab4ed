import type { Logger } from 'pino';
import type { Push } from '../../webhooks/push';
import { platformOf, type Account } from '../config/account';
import type { KnownIdentity } from '../identity/identity-store';
import type { Lang } from '../i18n';
import type { Person } from '../profiles/person.model';
import type { BotServices } from './services';

/** What the bot knows of a push's sender: always the openID; the FakeID and profile once resolved. */
export interface Identity {
  accountId: string;
  openId: string;
  /** Null while the sender is not identified (no console, or not settled yet). */
  resolved: KnownIdentity | null;
}

/**
 * One per push: the parsed push, its account, a child logger bound to the push, the injected
 * services and a memoised `identity()`. Nothing hangs off HTTP objects.
 */
export interface BotContext {
  readonly push: Push;
  readonly account: Account;
  readonly log: Logger;
  readonly services: BotServices;
  /**
   * The language to answer in: the one the push's words are in (a text, or a voice message's
   * recognised words), else the one the follower last wrote in; null when not known, and then
   * replies carry both languages, Chinese first (`say` in src/i18n.ts).
   */
  readonly lang: Lang | null;
  /** Identifies the sender (docs/protocol.md §4), once per push; may take seconds for a new follower. */
  identity(): Promise<Identity>;
  /**
   * The person behind the sender (src/profiles), once per push: after `identity()`, found or
   * created; null while the sender is not identified.
   */
  person(): Promise<Person | null>;
}

/** Builds the context for one push; `lang` is worked out by the bot before (see `BotContext.lang`). */
export function createContext(push: Push, account: Account, log: Logger, services: BotServices, lang: Lang | null): BotContext {
  let identity: Promise<Identity> | undefined;
  let person: Promise<Person | null> | undefined;
  const identify = (): Promise<Identity> => {
    identity ??= (
      services.identity.canResolve(account.id)
        ? services.identity.resolve(push, account.id, log)
        : Promise.resolve(null)
    ).then((resolved) => ({ accountId: account.id, openId: push.fromUserName, resolved }));
    return identity;
  };
  return {
    push,
    account,
    log,
    services,
    lang,
    identity: identify,
    person() {
      person ??= identify().then(({ resolved }) =>
        resolved ? services.persons.personFor(platformOf(account), resolved.fakeId, account.id, push.fromUserName) : null,
      );
      return person;
    },
  };
}
