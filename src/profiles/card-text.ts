import { pick, type Lang } from '../i18n';
import type { Card } from './card';
import { displayValue, FIELD_NAMES } from './profile-fields';
import { capChars, CHAT_TEXT_MAX_BYTES, fitWithValueCaps } from './profile-text';

export interface CardTextOptions {
  /** The requester's own card as people in their circles see it (`card`): says so, and how to share more when it is empty. */
  own?: boolean;
  /** Lines after the fields (e.g. the vCard link), kept whole: only values are shortened. */
  footer?: readonly string[];
  maxBytes?: number;
}

function heading(card: Card, lang: Lang, own: boolean): string {
  if (own) return lang === 'zh' ? `你的名片，圈友看到的样子（编号 ${card.personCode}）` : `Your card as people in your circles see it (person code ${card.personCode})`;
  return lang === 'zh' ? `名片（编号 ${card.personCode}）` : `Card of person ${card.personCode}`;
}

function emptyLine(lang: Lang, own: boolean): string {
  if (own) return lang === 'zh' ? '圈友看不到你的任何资料。公开：公开 <字段> 圈友' : 'People in your circles see none of your fields. To share: share <field> circles';
  return lang === 'zh' ? '此人没有向你公开任何资料。' : 'This person shares nothing with you.';
}

/**
 * A card as a chat reply: a heading with the person code, one `field: value` line per visible
 * field in card order, then `footer`. Within the platform's reply limit
 * ({@link CHAT_TEXT_MAX_BYTES}): long values are shortened at whole characters, step by step,
 * by the same fitting as `profile` (profile-text.ts).
 */
export function cardText(card: Card, lang: Lang, options: CardTextOptions = {}): string {
  const own = options.own ?? false;
  const footer = options.footer ?? [];
  const colon = lang === 'zh' ? '：' : ': ';
  return fitWithValueCaps((cap) => {
    const lines = card.entries.map((entry) => `${pick(FIELD_NAMES[entry.field], lang)}${colon}${capChars(displayValue(entry.field, entry.value, lang), cap)}`);
    return [heading(card, lang, own), ...(lines.length > 0 ? lines : [emptyLine(lang, own)]), ...footer].join('\n');
  }, options.maxBytes ?? CHAT_TEXT_MAX_BYTES);
}
