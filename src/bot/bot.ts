import type { Logger } from 'pino';
import type { PushReceiver, PushTarget } from '../../webhooks/ports';
import type { Push } from '../../webhooks/push';
import type { Reply } from '../../webhooks/reply';
import type { AccountDirectory } from '../config/account';
import type { Outbox } from '../outbox/outbox';
import { detectLang, type Lang } from '../i18n';
import { CacheUnavailableError } from '../stores/cache';
import { withBeacon } from '../identity/beacon';
import { createContext, type BotContext } from './context';
import { errorReply } from './error-boundary';
import { wordsOf } from './push-text';
import { routePush } from './route-push';
import type { BotServices } from './services';

/**
 * The bot core: `handle(push) → reply`, with no HTTP in sight. Builds the context, routes the
 * push, turns every error into a reply at one boundary, and hands the follower any message
 * that waited in the outbox along with this reply.
 */
export class Bot implements PushReceiver {
  constructor(
    private readonly accounts: AccountDirectory,
    private readonly services: BotServices,
    private readonly outbox: Outbox,
  ) {}

  async handle(push: Push, accountId: string, log: Logger): Promise<Reply | null> {
    const account = this.accounts.get(accountId);
    if (!account) {
      log.error({ accountId }, 'push for an account the bot does not know');
      return null;
    }
    const ctx = createContext(push, account, log, this.services, await this.languageOf(push, account.id, log));
    const unknownSender = await this.startIdentifying(ctx);
    let reply: Reply | null;
    try {
      reply = await routePush(ctx);
    } catch (error) {
      reply = errorReply(ctx, error);
    }
    reply = await this.withWaitingMessages(ctx, reply);
    // A command that waited for the identity (whoami) may have settled it: no beacon needed then.
    const stillUnknown = unknownSender && !(await this.services.identity.known(account.id, push.fromUserName));
    return stillUnknown ? this.withBeacon(ctx, reply) : reply;
  }

  async deliverLate(target: PushTarget, reply: Reply): Promise<void> {
    await this.services.messenger.send({ account: target.accountId, openId: target.openId }, reply, {
      pushKey: target.pushKey,
    });
  }

  reclaimLate(target: PushTarget): Promise<Reply | null> {
    return this.outbox.reclaim(target.pushKey);
  }

  /**
   * The language to answer `push` in. A push with words is answered in their language, which is
   * remembered (in the background: the write is rare and must not delay the reply); any other
   * push in the language the follower last wrote in, or null (both languages) when that is not
   * known or the cache cannot say.
   */
  private async languageOf(push: Push, accountId: string, log: Logger): Promise<Lang | null> {
    const { languages, background } = this.services;
    const words = wordsOf(push);
    if (words !== null) {
      const lang = detectLang(words);
      background.run('remember language', () => languages.note(accountId, push.fromUserName, lang));
      return lang;
    }
    try {
      return await languages.recall(accountId, push.fromUserName);
    } catch (error) {
      log[levelOf(error)]({ err: error }, 'cannot recall the language; answering in both languages');
      return null;
    }
  }

  /**
   * Starts identifying a sender the bot does not know yet, in the background: commands that do
   * not need the identity never wait for it. Resolves true when the sender is not known (so the
   * reply carries the beacon). A known sender costs one cache read; when the console profile
   * that read brought is stale, it is fetched again in the background.
   */
  private async startIdentifying(ctx: BotContext): Promise<boolean> {
    const { identity, staleProfiles } = this.services;
    if (!identity.canResolve(ctx.account.id)) return false;
    if (ctx.push.kind === 'event' && ctx.push.event === 'unsubscribe') return false;
    try {
      const known = await identity.known(ctx.account.id, ctx.push.fromUserName);
      if (known) {
        staleProfiles.consider(known, ctx.log);
        return false;
      }
    } catch (error) {
      ctx.log[levelOf(error)]({ err: error }, 'identity store unavailable; not identifying this sender now');
      return false;
    }
    void ctx.identity();
    return true;
  }

  /** Adds the beacon (docs/protocol.md §4.2) to a text reply, so the console shows whose conversation it is. */
  private withBeacon(ctx: BotContext, reply: Reply | null): Reply | null {
    if (!reply || reply.type !== 'text') return reply;
    const beacon = this.services.identity.beaconFor(ctx.account.id, ctx.push.fromUserName);
    return { type: 'text', content: withBeacon(reply.content, beacon, ctx.lang) };
  }

  /**
   * Prepends the follower's queued text messages to a text reply (or sends them alone when
   * there is no reply). A passive reply is one message, so media and news replies leave the
   * queue for the next text. Unsubscribe replies never reach the follower: nothing is taken.
   */
  private async withWaitingMessages(ctx: BotContext, reply: Reply | null): Promise<Reply | null> {
    if (ctx.push.kind === 'event' && ctx.push.event === 'unsubscribe') return reply;
    if (reply && reply.type !== 'text') return reply;
    let waiting: string[];
    try {
      waiting = await this.outbox.takeTexts({ account: ctx.account.id, openId: ctx.push.fromUserName });
    } catch (error) {
      ctx.log[levelOf(error)]({ err: error }, 'outbox unavailable; replying without waiting messages');
      return reply;
    }
    if (waiting.length === 0) return reply;
    const content = [...waiting, ...(reply ? [reply.content] : [])].join('\n\n');
    return { type: 'text', content };
  }
}

/** The shared cache being down is reported once where it is noticed (the gate's fallback, /readyz): a debug line per push. */
function levelOf(error: unknown): 'debug' | 'error' {
  return error instanceof CacheUnavailableError ? 'debug' : 'error';
}
