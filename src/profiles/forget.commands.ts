import type { Command } from '../bot/command';
import type { BotContext } from '../bot/context';
import { UserError } from '../errors';
import { pick, type Bilingual, type Lang } from '../i18n';
import { CONFIRM_OR_NOTHING, forgetRequestText, forgottenText, NOTHING_TO_CONFIRM } from './forget-text';

const CONFIRM_WORDS = new Set(['confirm', '确认']);

const NOT_YET: Bilingual = {
  zh: '我还没认出你，所以没有你的资料可删。想确认的话，先再发一条消息（随便什么文字），过一会儿再发送“删除我”。',
  en: 'I have not recognised you yet, so there is no profile of yours to delete. To be sure, send one more message (any text), then "forget me" again in a moment.',
};
const NO_CONSOLE: Bilingual = {
  zh: '这个公众号没有连上管理后台，所以我认不出你，也没有保存你的资料。',
  en: 'This account is not connected to its admin console, so I cannot tell who you are and keep no profile of you.',
};

/**
 * `forget me`: says exactly what would be deleted and holds the request for
 * `forget me confirm`, which deletes it all. Not marked `needsIdentity`: a confirmation is found
 * by the chat alone (the deletion may have removed the sender's tie already, on a retry), and a
 * request from a sender not identified yet has nothing to delete; neither waits for a console.
 */
export const forgetCommand: Command = {
  key: 'forget',
  aliases: { zh: ['删除我'], en: ['forget me'] },
  summary: {
    zh: '删除我保存的关于你的一切（发送“删除我 确认”后才删除）',
    en: 'delete everything kept about you (only once you send "forget me confirm")',
  },
  usage: { zh: '删除我 [确认]', en: 'forget me [confirm]' },
  async run(ctx, { lang, args }) {
    if (args.length === 0) return request(ctx, lang);
    if (args.length === 1 && CONFIRM_WORDS.has(args[0]!.toLowerCase())) return confirm(ctx, lang);
    throw new UserError(CONFIRM_OR_NOTHING);
  },
};

/** `forget me`: the plan, shown and kept for the confirmation (a new request replaces an older one). */
async function request(ctx: BotContext, lang: Lang): Promise<string> {
  const { identity, forgetting, forgetRequests } = ctx.services;
  const accountId = ctx.account.id;
  const openId = ctx.push.fromUserName;
  if (!identity.canResolve(accountId)) throw new UserError(NO_CONSOLE);
  // A known sender's person is a cache read away; an unknown one is being identified in the background.
  if (!(await identity.known(accountId, openId))) throw new UserError(NOT_YET);
  const person = await ctx.person();
  if (!person) throw new UserError(NOT_YET);
  const plan = await forgetting.plan(person);
  await forgetRequests.hold(accountId, openId, plan);
  return forgetRequestText(plan, lang);
}

/**
 * `forget me confirm`: deletes by the plan the request showed, then ends the request. Without a
 * request (none, expired, or already done: a platform retry of this push) nothing is deleted.
 * A failure midway leaves the request, so sending the confirmation again finishes the job.
 */
async function confirm(ctx: BotContext, lang: Lang): Promise<string> {
  const { forgetting, forgetRequests } = ctx.services;
  const accountId = ctx.account.id;
  const openId = ctx.push.fromUserName;
  const pending = await forgetRequests.find(accountId, openId);
  if (!pending) return pick(NOTHING_TO_CONFIRM, lang);
  const deleted = await forgetting.forget(pending);
  await forgetRequests.drop(accountId, openId);
  ctx.log.info({ accountId, identities: deleted.identities.length, fields: deleted.fields.length }, 'a person was deleted at their request (forget me)');
  return forgottenText(deleted, lang);
}
