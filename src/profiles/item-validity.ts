import type { Bilingual } from '../i18n';
import { FIELD_NAMES, PROFILE_FIELDS, type ProfileField } from './profile-fields';
import type { SourceKind } from './profile-item.model';
import type { DecodedItems, IncomingItem, Refusal } from './profile-packet';

const ALL_BUT_PHONE = PROFILE_FIELDS.filter((field) => field !== 'phone');

/**
 * Which source may set which field. Only `bind` (a verified SMS code) sets the phone, so no
 * source here does; the console sets only what it shows.
 */
export const SOURCE_MAY_SET: Readonly<Record<SourceKind, ReadonlySet<ProfileField>>> = {
  console: new Set<ProfileField>(['nickname', 'gender', 'region', 'signature']),
  chat: new Set(ALL_BUT_PHONE),
  web: new Set(ALL_BUT_PHONE),
  vcard: new Set(ALL_BUT_PHONE),
};

/** The longest value of each field, in characters (a Chinese character counts one, as people count). */
export const FIELD_MAX_CHARS: Readonly<Record<ProfileField, number>> = {
  name: 40, nickname: 40, gender: 6, region: 60, signature: 120, phone: 20,
  email: 254, company: 80, title: 60, address: 200, website: 200, about: 500,
};

/** How far in the future a source's time may be (clock skew) before the item is refused. */
export const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * C0 and C1 controls and DEL, the bidirectional embeddings, overrides and isolates (which can
 * disguise text), the byte-order mark, and lone surrogate halves.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
const EMAIL = /^[^\s@"(),:;<>[\\\]]{1,64}@(?=.{1,253}$)[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;
const GENDER_WORDS: Readonly<Record<string, string>> = {
  male: 'male', m: 'male', 男: 'male', female: 'female', f: 'female', 女: 'female', other: 'other', 其他: 'other',
};

type Check = { ok: true; value: string } | { ok: false; reason: Bilingual };

/** Characters as people count them: code points, so 张 is one and an emoji is one. */
export function charCount(value: string): number {
  return Array.from(value).length;
}

/**
 * Checks one item against the source table, freshness and the field's limits, and normalises
 * its value (trimmed, gender as male/female/other, a website given a scheme).
 */
export function validateItem(item: IncomingItem, now: Date): { item: IncomingItem } | { refusal: Refusal } {
  const name = FIELD_NAMES[item.field];
  const refuse = (reason: Bilingual) => ({ refusal: { field: item.field, reason } });
  if (!SOURCE_MAY_SET[item.source.kind].has(item.field)) {
    return refuse(item.field === 'phone'
      ? { zh: '手机号只能通过短信验证码绑定（“绑定”，即将推出）', en: 'a phone number is set only by `bind` and its SMS code (coming soon)' }
      : { zh: `${SOURCE_NAMES[item.source.kind].zh}不能设置${name.zh}`, en: `${SOURCE_NAMES[item.source.kind].en} cannot set the ${name.en}` });
  }
  const time = item.sourceUpdatedAt.getTime();
  if (Number.isNaN(time) || time > now.getTime() + FUTURE_SKEW_MS) {
    return refuse({ zh: `${name.zh}的更新时间无效`, en: `the ${name.en} has an invalid update time` });
  }
  const checked = checkValue(item.field, item.value);
  return checked.ok ? { item: { ...item, value: checked.value } } : refuse(checked.reason);
}

/** Validates every item of a decoded packet; the refused ones join the decoder's refusals, clears and notices pass on. */
export function validateItems(decoded: DecodedItems, now: Date): DecodedItems {
  const result: DecodedItems = { ...decoded, items: [], refused: [...decoded.refused] };
  for (const item of decoded.items) {
    const outcome = validateItem(item, now);
    if ('item' in outcome) result.items.push(outcome.item);
    else result.refused.push(outcome.refusal);
  }
  return result;
}

/** The field's limits on a value: control characters, emptiness, length, and the field's syntax. */
export function checkValue(field: ProfileField, raw: string): Check {
  const name = FIELD_NAMES[field];
  if (CONTROL.test(raw)) return { ok: false, reason: { zh: `${name.zh}含有控制字符`, en: `the ${name.en} holds control characters` } };
  const value = raw.trim();
  if (value === '') return { ok: false, reason: { zh: `${name.zh}不能为空`, en: `the ${name.en} cannot be empty` } };
  const max = FIELD_MAX_CHARS[field];
  if (charCount(value) > max) {
    return { ok: false, reason: { zh: `${name.zh}最多 ${max} 个字`, en: `the ${name.en} is at most ${max} characters` } };
  }
  switch (field) {
    case 'gender': {
      const gender = GENDER_WORDS[value.toLowerCase()];
      return gender ? { ok: true, value: gender } : { ok: false, reason: { zh: '性别请写 男、女 或 其他', en: 'gender is male, female or other' } };
    }
    case 'email':
      return EMAIL.test(value) ? { ok: true, value } : { ok: false, reason: { zh: '邮箱格式不对，例如 li@example.com', en: 'not an email address, e.g. li@example.com' } };
    case 'website':
      return checkWebsite(value);
    default:
      return { ok: true, value };
  }
}

/** An http(s) address with a dotted host; `example.com/x` is taken as `https://example.com/x`. */
function checkWebsite(value: string): Check {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(value) ? value : `https://${value}`;
  let url: URL | null;
  try {
    url = new URL(withScheme);
  } catch {
    url = null;
  }
  const ok = url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && /\.[^.]+$/.test(url.hostname) && !/\s/.test(value);
  if (!ok || !url) return { ok: false, reason: { zh: '网站格式不对，例如 https://example.com', en: 'not a web address, e.g. https://example.com' } };
  if (charCount(url.href) > FIELD_MAX_CHARS.website) {
    return { ok: false, reason: { zh: `网站最多 ${FIELD_MAX_CHARS.website} 个字`, en: `the website is at most ${FIELD_MAX_CHARS.website} characters` } };
  }
  return { ok: true, value: withScheme };
}

/** Why a field emptied on the web form keeps its value: it comes from a platform's console (see `clearItems`). */
export function consoleClearReason(field: ProfileField): Bilingual {
  const name = FIELD_NAMES[field];
  return {
    zh: `${name.zh}来自平台资料，这里删不掉：请在平台上修改；不想让别人看到，可以把它设为仅自己可见`,
    en: `the ${name.en} comes from the platform profile, so it cannot be cleared here: change it there, or hide it by sharing it with nobody`,
  };
}

const SOURCE_NAMES: Readonly<Record<SourceKind, Bilingual>> = {
  console: { zh: '平台资料', en: 'the platform profile' },
  chat: { zh: '聊天', en: 'chat' },
  web: { zh: '网页', en: 'the web page' },
  vcard: { zh: '名片文件', en: 'a vCard' },
};
