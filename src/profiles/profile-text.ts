import { pick, type Bilingual, type Lang } from '../i18n';
import { AUDIENCE_NAMES } from './audience';
import { displayValue, FIELD_NAMES, PROFILE_FIELDS } from './profile-fields';
import type { PersonIdentity } from './person-identity.model';
import type { ItemSource, PersonProfile, ProfileItem } from './profile-item.model';
import { FIELD_NAMES as SHAREABLE_NAMES, SHAREABLE_FIELDS } from './shareable-fields';
import type { FieldShare } from './visibility.model';
import type { VisibilitySettings } from './visibility-settings';

/**
 * The most a passive text reply may hold, in UTF-8 bytes: the platform takes a text reply of up
 * to 2048 bytes (as WeChat does) and cuts or drops a longer one, so the bot shortens first.
 */
export const CHAT_TEXT_MAX_BYTES = 2048;

/** Values are cut to these many characters, one step after another, until the reply fits. */
const VALUE_CAPS = [Infinity, 80, 40, 16];

const colon = (lang: Lang) => (lang === 'zh' ? '：' : ': ');
const list = (lang: Lang, parts: string[]) => parts.join(lang === 'zh' ? '、' : ', ');

/** A time as replies write it: to the minute, in UTC, so it reads the same in every process. */
export function whenText(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Where an item came from: the platform and account for the console and chat, else the source's name. */
export function sourceText(source: ItemSource, lang: Lang): string {
  const account = source.accountId ?? '?';
  const platform = source.platform ?? '?';
  const texts: Record<ItemSource['kind'], Bilingual> = {
    console: { zh: `${platform} 平台 ${account} 公众号的后台`, en: `the console of account ${account} (${platform})` },
    chat: { zh: `聊天（${account} 公众号）`, en: `chat (account ${account})` },
    web: { zh: '个人主页', en: 'your web page' },
    vcard: { zh: '上传的名片文件', en: 'an uploaded vCard' },
  };
  return pick(texts[source.kind], lang);
}

/** Who may see a field, in words: the audience, and the circles granted besides. */
export function shareText(share: Readonly<FieldShare>, lang: Lang): string {
  const audience = pick(AUDIENCE_NAMES[share.audience], lang);
  const circles = share.circles.map((code) => (lang === 'zh' ? `圈 ${code}` : `circle ${code}`));
  return [audience, ...circles].join(' + ');
}

/** One segmenter for every call: making one costs far more than segmenting a short value. */
const GRAPHEMES = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Grapheme clusters, so a cut never splits a character, an emoji or a combined sequence. */
function graphemes(text: string): string[] {
  return Array.from(GRAPHEMES.segment(text), (part) => part.segment);
}

/** `text` cut to `max` characters, with `…` when cut. */
export function capChars(text: string, max: number): string {
  // No more UTF-16 units than `max` means no more characters either: nothing to segment.
  if (text.length <= max) return text;
  const parts = graphemes(text);
  return parts.length > max ? `${parts.slice(0, max).join('')}…` : text;
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * `text` within `maxBytes` UTF-8 bytes: whole lines first, then whole characters of the last
 * line that fits partly, ending with `…`. Never cuts inside a character.
 */
export function fitBytes(text: string, maxBytes: number = CHAT_TEXT_MAX_BYTES): string {
  if (bytes(text) <= maxBytes) return text;
  const budget = maxBytes - bytes('…');
  let out = '';
  for (const part of graphemes(text)) {
    if (bytes(out) + bytes(part) > budget) break;
    out += part;
  }
  return `${out.trimEnd()}…`;
}

/**
 * The text `render(cap)` gives for the first value cap in {@link VALUE_CAPS} that fits
 * `maxBytes`, each value cut to `cap` characters by the renderer (with {@link capChars}); when
 * even the shortest cap is too long, that text through {@link fitBytes}.
 */
export function fitWithValueCaps(render: (cap: number) => string, maxBytes: number = CHAT_TEXT_MAX_BYTES): string {
  let text = '';
  for (const cap of VALUE_CAPS) {
    text = render(cap);
    if (bytes(text) <= maxBytes) return text;
  }
  return fitBytes(text, maxBytes);
}

function itemLine(item: ProfileItem, share: Readonly<FieldShare>, lang: Lang, cap: number): string {
  const name = pick(FIELD_NAMES[item.field], lang);
  const value = capChars(displayValue(item.field, item.value, lang), cap);
  const from = sourceText(item.source, lang);
  const when = whenText(item.sourceUpdatedAt);
  const who = shareText(share, lang);
  return lang === 'zh'
    ? `${name}：${value}\n  来自${from}，${when}；可见：${who}`
    : `${name}: ${value}\n  from ${from}, ${when}; seen by: ${who}`;
}

/**
 * The accounts a person is known through, grouped by platform (the platform first seen first),
 * each group's account ids sorted, so the line reads the same whichever account was tied first:
 * `Known through: demo, demo2 (platform default)`; several platforms are separated by `;`.
 * Null when the person has no identity with an account (nothing to say).
 */
export function knownThroughText(identities: readonly Pick<PersonIdentity, 'platform' | 'accounts'>[], lang: Lang): string | null {
  const byPlatform = new Map<string, string[]>();
  for (const { platform, accounts } of identities) {
    const ids = byPlatform.get(platform) ?? [];
    for (const { accountId } of accounts) if (!ids.includes(accountId)) ids.push(accountId);
    byPlatform.set(platform, ids);
  }
  const groups = [...byPlatform].filter(([, ids]) => ids.length > 0).map(([platform, ids]) =>
    lang === 'zh' ? `${list(lang, ids.sort())}（${platform} 平台）` : `${list(lang, ids.sort())} (platform ${platform})`);
  if (groups.length === 0) return null;
  return lang === 'zh' ? `认识你的公众号：${groups.join('；')}` : `Known through: ${groups.join('; ')}`;
}

/**
 * `profile`: each field set with its value, source, time and audience, the fields not set in one
 * line, the person code first. Long values are shortened step by step until the reply fits
 * {@link CHAT_TEXT_MAX_BYTES} ({@link fitWithValueCaps}). Under the code, the accounts the person
 * is known through ({@link knownThroughText}), when `identities` are given.
 */
export function profileText(
  code: string,
  profile: PersonProfile | null,
  settings: VisibilitySettings,
  lang: Lang,
  identities: readonly Pick<PersonIdentity, 'platform' | 'accounts'>[] = [],
): string {
  const items = PROFILE_FIELDS.flatMap((field) => profile?.items.filter((item) => item.field === field) ?? []);
  const unset = PROFILE_FIELDS.filter((field) => !items.some((item) => item.field === field));
  const known = knownThroughText(identities, lang);
  const head = [lang === 'zh' ? `你的资料（编号 ${code}）` : `Your profile (person code ${code})`, ...(known ? [known] : [])].join('\n');
  const foot = [
    ...(unset.length > 0 ? [`${lang === 'zh' ? '未设置' : 'Not set'}${colon(lang)}${list(lang, unset.map((f) => pick(FIELD_NAMES[f], lang)))}`] : []),
    lang === 'zh' ? '修改：设置 <字段> <值>；谁能看：公开 <字段> <范围>' : 'Change: set <field> <value>; who sees it: share <field> <audience>',
  ];
  return fitWithValueCaps((cap) => [head, ...items.map((item) => itemLine(item, settings[item.field], lang, cap)), ...foot].join('\n'));
}

/** `privacy`: who may see each field, one per line, and how to change it. */
export function privacyText(settings: VisibilitySettings, lang: Lang): string {
  const head = lang === 'zh' ? '你的隐私设置（谁能看到每一项）：' : 'Your privacy settings (who may see each field):';
  const lines = SHAREABLE_FIELDS.map((field) => `${pick(SHAREABLE_NAMES[field], lang)}${colon(lang)}${shareText(settings[field], lang)}`);
  const foot = lang === 'zh' ? '修改：公开 <字段|全部> <仅自己|联系人|圈友|所有人|圈:圈号>' : 'Change: share <field|all> <nobody|contacts|circles|everyone|circle:code>';
  return fitBytes([head, ...lines, foot].join('\n'));
}
