import type { Reply } from '../../webhooks/reply';
import { pick, say, type Bilingual } from '../i18n';
import type { Command, CommandInput } from './command';
import type { BotContext } from './context';
import { errorReply } from './error-boundary';
import { FALLBACK_HINT } from './messages';

const IDENTIFYING: Bilingual = {
  zh: '正在确认你的身份，稍候把结果发给你。',
  en: 'Finding out who you are on the platform; the answer follows in a moment.',
};

const text = (content: string): Reply => ({ type: 'text', content });

/**
 * Runs the command `input` calls; unknown text gets a one-line hint to `help`, never silence.
 * A typed command answers in the language of the alias typed. A menu click (`clicked`) sends a
 * key the person never typed, so it answers in the language the person last wrote in, Chinese
 * (the platform's own) when that is not known.
 */
export async function runCommand(ctx: BotContext, input: string, clicked = false): Promise<Reply | null> {
  const found = ctx.services.commands.match(input);
  if (!found) return text(say(FALLBACK_HINT, ctx.lang));
  const match = clicked ? { ...found, input: { ...found.input, lang: ctx.lang ?? 'zh' } } : found;
  ctx.log.debug({ command: match.command.key }, 'command');
  if (match.command.needsIdentity && !(await settlesWithin(ctx.identity(), ctx.services.identityWaitMs))) {
    answerLater(ctx, match.command, match.input);
    return text(pick(IDENTIFYING, match.input.lang));
  }
  return execute(ctx, match.command, match.input);
}

async function execute(ctx: BotContext, command: Command, input: CommandInput): Promise<Reply | null> {
  try {
    const result = await command.run(ctx, input);
    return typeof result === 'string' ? text(result) : result;
  } catch (error) {
    return errorReply(ctx, error, input.lang);
  }
}

/**
 * The reply budget is spent: the command runs once the identity settles (found or not) and its
 * answer goes out as an active message.
 */
function answerLater(ctx: BotContext, command: Command, input: CommandInput): void {
  ctx.services.background.run(`answer ${command.key} later`, async () => {
    await ctx.identity();
    const reply = await execute(ctx, command, input);
    if (reply) await ctx.services.messenger.send({ account: ctx.account.id, openId: ctx.push.fromUserName }, reply);
  });
}

/** True when `promise` settles within `ms`. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise.then(() => true, () => true), late]).finally(() => clearTimeout(timer));
}
