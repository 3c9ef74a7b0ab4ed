import type { Reply } from '../../webhooks/reply';
import { UserError } from '../errors';
import { say, type Lang } from '../i18n';
import type { BotContext } from './context';

const SOMETHING_WENT_WRONG = {
  zh: '抱歉，出了点问题，请稍后再试。',
  en: 'Sorry, something went wrong. Please try again later.',
};

/**
 * The one place an error becomes a reply. A `UserError` is shown as it is; anything else is
 * logged (the logger keeps the message, never the stack) and the follower gets a short apology.
 * Both in `lang`, or in both languages when the follower's language is not known.
 */
export function errorReply(ctx: BotContext, error: unknown, lang: Lang | null = ctx.lang): Reply {
  if (error instanceof UserError) return { type: 'text', content: say(error.text, lang) };
  ctx.log.error({ err: error }, 'push handler failed');
  return { type: 'text', content: say(SOMETHING_WENT_WRONG, lang) };
}
