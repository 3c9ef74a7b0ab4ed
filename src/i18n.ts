/** The two languages the bot speaks. Followers get the one they wrote in. */
export type Lang = 'zh' | 'en';

/** A text in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Chinese when the text holds any CJK ideograph, else English. */
export function detectLang(text: string): Lang {
  return CJK.test(text) ? 'zh' : 'en';
}

/** True when `text` holds a CJK ideograph. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** Picks the text (or text-making function) for `lang`. */
export function pick<T>(text: { zh: T; en: T }, lang: Lang): T {
  return text[lang];
}

/** Both languages, Chinese first, for messages that go out before we know which one the follower reads. */
export function both(text: Bilingual): string {
  return `${text.zh}\n\n${text.en}`;
}

/** The text in `lang`, or in both languages (Chinese first) when the follower's language is not known (null). */
export function say(text: Bilingual, lang: Lang | null): string {
  return lang ? pick(text, lang) : both(text);
}
