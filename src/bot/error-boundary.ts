import type { Reply } from '../../webhooks/reply';
import { UserError } from '../errors';
import { CacheUnavailableError } from '../stores/cache';
import { say, type Lang } from '../i18n';
import type { BotContext } from './context';

const SOMETHING_WENT_WRONG = {
  zh: '抱歉，出了点问题，请稍后再试。',
  en: 'Sorry, something went wrong. Please try again later.',
};

const TRY_AGAIN_SOON = {
  zh: '这件事现在办不了：我们的一项服务正在恢复。请过一两分钟再试，“帮助”等命令照常可用。',
  en: 'I cannot do that right now: one of our services is recovering. Please try again in a minute or two; "help" and other commands still work.',
};

/**
 * The one place an error becomes a reply. A `UserError` is shown as it is; anything else is
 * logged (the logger keeps the message, never the stack) and the follower gets a short apology.
 * The shared cache being down is not a fault of the push: a warning, and the follower is told
 * in words to try again soon. Both in `lang`, or in both languages when it is not known.
 */
export function errorReply(ctx: BotContext, error: unknown, lang: Lang | null = ctx.lang): Reply {
  if (error instanceof UserError) return { type: 'text', content: say(error.text, lang) };
  if (error instanceof CacheUnavailableError) {
    ctx.log.warn({ err: error }, 'command needs the shared cache, which is unavailable');
    return { type: 'text', content: say(TRY_AGAIN_SOON, lang) };
  }
  ctx.log.error({ err: error }, 'push handler failed');
  return { type: 'text', content: say(SOMETHING_WENT_WRONG, lang) };
}
