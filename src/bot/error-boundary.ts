import type { Reply } from '../../webhooks/reply';
import { UserError } from '../errors';
import { pick, type Lang } from '../i18n';
import type { BotContext } from './context';

const SOMETHING_WENT_WRONG = {
  zh: '抱歉，出了点问题，请稍后再试。',
  en: 'Sorry, something went wrong. Please try again later.',
};

/**
 * The one place an error becomes a reply. A `UserError` is shown as it is; anything else is
 * logged (the logger keeps the message, never the stack) and the follower gets a short apology.
 */
export function errorReply(ctx: BotContext, error: unknown, lang: Lang = ctx.lang): Reply {
  if (error instanceof UserError) return { type: 'text', content: pick(error.text, lang) };
  ctx.log.error({ err: error }, 'push handler failed');
  return { type: 'text', content: pick(SOMETHING_WENT_WRONG, lang) };
}
