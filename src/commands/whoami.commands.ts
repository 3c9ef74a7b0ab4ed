import type { Command } from '../bot/command';
import type { Identity } from '../bot/context';
import type { KnownIdentity } from '../identity/identity-store';
import { pick, type Lang } from '../i18n';

const GENDER = { zh: ['未知', '男', '女'], en: ['unknown', 'male', 'female'] };
const STRATEGY = {
  zh: { 'time-match': '按消息时间在后台消息列表中匹配', beacon: '按回复里的识别码在会话中找到' },
  en: { 'time-match': 'matched by message time in the console message list', beacon: 'found by the reference code in our reply' },
};
const LABELS = {
  zh: { openId: 'openID', fakeId: 'FakeID', nick: '昵称', gender: '性别', region: '地区', signature: '签名', how: '识别方式', profile: '资料获取于', none: '（无）' },
  en: { openId: 'openID', fakeId: 'FakeID', nick: 'Nickname', gender: 'Gender', region: 'Region', signature: 'Signature', how: 'Identified', profile: 'Profile fetched', none: '(none)' },
};
const NOT_YET = {
  zh: '尚未识别出你的 FakeID：请再发一条消息（任意文字），我会再试一次。',
  en: 'Your FakeID is not known yet: send one more message (any text) and I will try again.',
};
const NO_CONSOLE = {
  zh: '此公众号未配置后台登录，无法识别 FakeID 与资料。',
  en: 'This account has no console configured, so FakeID and profile cannot be looked up.',
};

const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');
const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function describe(known: KnownIdentity, lang: Lang): string[] {
  const label = pick(LABELS, lang);
  const c = colon(lang);
  const lines = [`${label.fakeId}${c}${known.fakeId}`];
  const p = known.profile;
  if (p) {
    const region = [p.country, p.province, p.city].filter(Boolean).join(' ');
    lines.push(
      `${label.nick}${c}${p.nickName || label.none}`,
      `${label.gender}${c}${pick(GENDER, lang)[p.gender] ?? pick(GENDER, lang)[0]}`,
      `${label.region}${c}${region || label.none}`,
      `${label.signature}${c}${p.signature || label.none}`,
    );
  }
  lines.push(`${label.how}${c}${pick(STRATEGY, lang)[known.strategy]}, ${when(known.resolvedAt)}`);
  if (p) lines.push(`${label.profile}${c}${when(p.fetchedAt)}`);
  return lines;
}

/** The text `whoami` answers with: openID, and FakeID and profile with how and when they were learned. */
export function whoamiText(identity: Identity, lang: Lang, canResolve: boolean): string {
  const head = `${pick(LABELS, lang).openId}${colon(lang)}${identity.openId}`;
  if (identity.resolved) return [head, ...describe(identity.resolved, lang)].join('\n');
  return [head, pick(canResolve ? NOT_YET : NO_CONSOLE, lang)].join('\n');
}

/** What the bot knows of the sender. */
export const whoamiCommand: Command = {
  key: 'whoami',
  aliases: { zh: ['我是谁'], en: ['whoami', 'who am i'] },
  summary: { zh: '查看我对你的了解', en: 'what the bot knows about you' },
  usage: { zh: '我是谁', en: 'whoami' },
  needsIdentity: true,
  async run(ctx, { lang }) {
    const identity = await ctx.identity();
    if (identity.resolved && !identity.resolved.profile) {
      const withProfile = await ctx.services.identity.refreshProfile?.(identity.resolved, ctx.log);
      if (withProfile) return whoamiText({ ...identity, resolved: withProfile }, lang, true);
    }
    return whoamiText(identity, lang, ctx.services.identity.canResolve(ctx.account.id));
  },
};
