import type { Bilingual, Lang } from '../i18n';
import type { ForgetPlan } from './forget-person';
import { FORGET_CONFIRM_MS } from './forget-requests';
import { FIELD_NAMES } from './profile-fields';
import { FIELD_NAMES as SHAREABLE_NAMES } from './shareable-fields';

const MINUTES = FORGET_CONFIRM_MS / 60_000;

/** What `forget me confirm` says when no request waits for it: nothing is deleted, and how to start again. */
export const NOTHING_TO_CONFIRM: Bilingual = {
  zh: `没有等待确认的删除请求（请求只保留 ${MINUTES} 分钟，也可能已经删除过了），所以什么都没有删除。要删除关于你的一切，请先发送“删除我”，看清会删除什么，再在 ${MINUTES} 分钟内发送“删除我 确认”。`,
  en: `No deletion is waiting for your confirmation (a request lasts ${MINUTES} minutes, or it was already done), so nothing was deleted. To delete everything about you, send "forget me" first, read what it deletes, then send "forget me confirm" within ${MINUTES} minutes.`,
};

/** What follows `forget me` that is not `confirm`. */
export const CONFIRM_OR_NOTHING: Bilingual = {
  zh: '“删除我”后面只能跟“确认”：先发送“删除我”看会删除什么，再发送“删除我 确认”。',
  en: 'Only "confirm" may follow "forget me": send "forget me" to see what it deletes, then "forget me confirm".',
};

const list = (lang: Lang, parts: string[]) => parts.join(lang === 'zh' ? '、' : ', ');

/** The lines naming what a plan deletes, one thing a line. */
function deletedLines(plan: ForgetPlan, lang: Lang): string[] {
  const zh = lang === 'zh';
  const identities = plan.identities.map(({ platform, accounts }) => {
    const through = list(lang, [...new Set(accounts.map((seen) => seen.accountId))]);
    return zh ? `${platform} 平台（经由公众号 ${through}）` : `on platform ${platform} through ${accounts.length === 1 ? 'account' : 'accounts'} ${through}`;
  });
  const n = plan.identities.length;
  const fields = plan.fields.map((field) => FIELD_NAMES[field][lang]);
  const shared = plan.sharedFields.map((field) => SHAREABLE_NAMES[field][lang]);
  if (zh) {
    return [
      `• 你的编号 ${plan.code}`,
      n === 0 ? '• 身份：无' : `• ${n} 个身份：${identities.join('；')}`,
      fields.length === 0 ? '• 资料：无' : `• ${fields.length} 项资料（${list(lang, fields)}），连同历史记录`,
      shared.length === 0 ? '• 公开设置：从未修改（用的是默认）' : `• ${shared.length} 项公开设置（${list(lang, shared)}）`,
      '• 管理后台资料的副本、我记住的你的语言、等着发给你的消息',
    ];
  }
  return [
    `• your person code ${plan.code}`,
    n === 0 ? '• identities: none' : `• ${n} ${n === 1 ? 'identity' : 'identities'}: ${identities.join('; ')}`,
    fields.length === 0 ? '• profile fields: none' : `• ${fields.length} profile ${fields.length === 1 ? 'field' : 'fields'} (${list(lang, fields)}) with their history`,
    shared.length === 0 ? '• sharing settings: none (you kept the defaults)' : `• sharing settings for ${shared.length} ${shared.length === 1 ? 'field' : 'fields'} (${list(lang, shared)})`,
    '• the copies of your console profile, the language I answer you in, and messages waiting for you',
  ];
}

/** The answer to `forget me`: exactly what would be deleted, and how to confirm. */
export function forgetRequestText(plan: ForgetPlan, lang: Lang): string {
  if (lang === 'zh') {
    return [
      '“删除我”会删除我保存的关于你的一切：',
      ...deletedLines(plan, lang),
      '你的名片和导出链接也会失效。删除后无法恢复。',
      `确定要删除，请在 ${MINUTES} 分钟内发送“删除我 确认”。不发送，就什么都不会删除。`,
    ].join('\n');
  }
  return [
    '"forget me" deletes everything I keep about you:',
    ...deletedLines(plan, lang),
    'Links to your card and exports stop working too. This cannot be undone.',
    `To go ahead, send "forget me confirm" within ${MINUTES} minutes. If you do not, nothing is deleted.`,
  ].join('\n');
}

/** The answer to `forget me confirm`: what was deleted, and that the next message starts afresh. */
export function forgottenText(plan: ForgetPlan, lang: Lang): string {
  if (lang === 'zh') {
    return [
      '已删除我保存的关于你的一切：',
      ...deletedLines(plan, lang),
      '你的名片和导出链接已失效。你发的下一条消息会重新开始：我会把你当作新认识的人，给你一个新编号。',
    ].join('\n');
  }
  return [
    'Deleted everything I kept about you:',
    ...deletedLines(plan, lang),
    'Links to your card and exports no longer work. Your next message starts afresh: I will treat you as someone new, with a new person code.',
  ].join('\n');
}
