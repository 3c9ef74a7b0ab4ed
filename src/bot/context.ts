import type { Logger } from 'pino';
import type { Push } from '../../webhooks/push';
import type { Account } from '../config/account';
import { detectLang, type Lang } from '../i18n';
import type { BotServices } from './services';

/** What the bot knows of a push's sender. FakeID and profile arrive with identity resolution. */
export interface Identity {
  accountId: string;
  openId: string;
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
      identity ??= Promise.resolve({ accountId: account.id, openId: push.fromUserName });
      return identity;
    },
  };
}
