import type { Command } from '../bot/command';
import type { Identity } from '../bot/context';
import type { ConsoleProfile } from '../identity/console-profile.model';
import type { KnownIdentity } from '../identity/identity-store';
import { pick, type Lang } from '../i18n';

const GENDER = { zh: ['', '男', '女'], en: ['', 'male', 'female'] };
const LABELS = {
  zh: { nick: '昵称', region: '地区', signature: '签名', gender: '性别', ids: '编号', notSet: '（未设置）' },
  en: { nick: 'Nickname', region: 'Region', signature: 'Signature', gender: 'Gender', ids: 'IDs', notSet: '(not set)' },
};
const SOURCE = {
  zh: (at: string) => `资料来自本公众号的粉丝资料，获取于 ${at}。`,
  en: (at: string) => `From this account's follower profile, fetched ${at}.`,
};
const HOW = {
  zh: { 'time-match': '按消息时间对上', beacon: '按回复里的参考号找到' },
  en: { 'time-match': 'matched by message time', beacon: 'found by the ref in a reply' },
};
const NO_PROFILE = {
  zh: '我认出你了，但暂时没取到你的资料：请过一会儿再发一次“我是谁”。',
  en: 'I know who you are, but could not fetch your profile just now: send "whoami" again in a moment.',
};
const NOT_YET = {
  zh: '我还没认出你：再发一条消息（随便什么文字），我会再试一次。',
  en: 'I have not recognised you yet: send one more message (any text) and I will try again.',
};
const NO_CONSOLE = {
  zh: '这个公众号没有连上管理后台，所以我看不到你的资料。',
  en: 'This account is not connected to its admin console, so I cannot see your profile.',
};

const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');
const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The profile as a person reads it: name first, empty fields left out, then where it came from. */
function describeProfile(profile: ConsoleProfile, lang: Lang): string[] {
  const label = pick(LABELS, lang);
  const c = colon(lang);
  const region = regionText([profile.country, profile.province, profile.city]);
  const gender = pick(GENDER, lang)[profile.gender] ?? '';
  return [
    `${label.nick}${c}${profile.nickName || label.notSet}`,
    ...(region ? [`${label.region}${c}${region}`] : []),
    ...(profile.signature ? [`${label.signature}${c}${profile.signature}`] : []),
    ...(gender ? [`${label.gender}${c}${gender}`] : []),
    pick(SOURCE, lang)(when(profile.fetchedAt)),
  ];
}

/**
 * A region as its own writing reads it: Chinese names big to small with spaces (`中国 广东 广州`),
 * Latin ones small to big with commas (`San Francisco, California, United States`).
 */
function regionText(bigToSmall: Array<string | undefined>): string {
  const parts = bigToSmall.filter((part): part is string => Boolean(part));
  return parts.some((part) => /\p{Script=Han}/u.test(part)) ? parts.join(' ') : parts.reverse().join(', ');
}

/** The ids, for the curious, on one last line: openID, and FakeID and how it was learned once known. */
function idsLine(openId: string, known: KnownIdentity | null, lang: Lang): string {
  const ids = [`openID ${openId}`, ...(known ? [`FakeID ${known.fakeId}`, pick(HOW, lang)[known.strategy]] : [])];
  return `${pick(LABELS, lang).ids}${colon(lang)}${ids.join(' · ')}`;
}

/**
 * The text `whoami` answers with: the profile (nickname, region, signature, gender) and where it
 * came from, or why it is not known yet; the ids last.
 */
export function whoamiText(identity: Identity, lang: Lang, canResolve: boolean): string {
  const known = identity.resolved;
  let body: string[];
  if (known?.profile) body = describeProfile(known.profile, lang);
  else if (known) body = [pick(NO_PROFILE, lang)];
  else body = [pick(canResolve ? NOT_YET : NO_CONSOLE, lang)];
  return [...body, idsLine(identity.openId, known, lang)].join('\n');
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
