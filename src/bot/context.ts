import type { Logger } from 'pino';
import type { Push } from '../../webhooks/push';
import type { Account } from '../config/account';
import type { KnownIdentity } from '../identity/identity-store';
import { detectLang, type Lang } from '../i18n';
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
  /** The language the follower wrote in; Chinese when the push has no text (events, media). */
  readonly lang: Lang;
  /** Identifies the sender (platform.md 4), once per push; may take seconds for a new follower. */
  identity(): Promise<Identity>;
}

/** Builds the context for one push. */
export function createContext(push: Push, account: Account, log: Logger, services: BotServices): BotContext {
  let identity: Promise<Identity> | undefined;
  return {
    push,
    account,
    log,
    services,
    lang: push.kind === 'message' && push.msgType === 'text' ? detectLang(push.content) : 'zh',
    identity() {
      identity ??= (
        services.identity.canResolve(account.id)
          ? services.identity.resolve(push, account.id, log)
          : Promise.resolve(null)
      ).then((resolved) => ({ accountId: account.id, openId: push.fromUserName, resolved }));
      return identity;
    },
  };
}
