import type { Bilingual } from '../i18n';
import { PERSON_CODE_ALPHABET } from './person-code';

/**
 * Who may see a field, from the narrowest to the broadest (docs commands.md §2). Each includes
 * the ones before it: `contacts` is the person and their contacts, `circles` adds everyone in a
 * circle with them, `everyone` is any person who asks.
 */
export const AUDIENCES = ['nobody', 'contacts', 'circles', 'everyone'] as const;

export type Audience = (typeof AUDIENCES)[number];

/** A circle code (commands.md §1): 6 characters of the person-code alphabet. */
export const CIRCLE_CODE_PATTERN = new RegExp(`^[${PERSON_CODE_ALPHABET}]{6}$`);

/** What `share` was given: one of the {@link AUDIENCES}, or a grant to one circle (`circle:<code>`). */
export type SharedWith = { audience: Audience } | { circle: string };

export const AUDIENCE_NAMES: Readonly<Record<Audience, Bilingual>> = {
  nobody: { zh: '仅自己', en: 'nobody' },
  contacts: { zh: '联系人', en: 'contacts' },
  circles: { zh: '圈友', en: 'circles' },
  everyone: { zh: '所有人', en: 'everyone' },
};

const BY_TYPED = new Map<string, Audience>(
  AUDIENCES.flatMap((audience) => [[audience, audience], [AUDIENCE_NAMES[audience].zh, audience]] as const),
);

/** The prefixes of a circle grant: `circle:Q7K2PX`, `圈:Q7K2PX`, `圈子:Q7K2PX` (a full-width `：` too). */
const CIRCLE_GRANT = /^(?:circle|圈子|圈):\s*(\S+)$/;

/**
 * What a person typed after `share <field>`: an audience in either language, or
 * `circle:<code>` with the code in any case. Null when it is neither.
 */
export function parseSharedWith(typed: string): SharedWith | null {
  const word = typed.normalize('NFKC').trim().toLowerCase();
  const audience = BY_TYPED.get(word);
  if (audience) return { audience };
  const grant = CIRCLE_GRANT.exec(word);
  const code = grant?.[1]?.toUpperCase();
  return code && CIRCLE_CODE_PATTERN.test(code) ? { circle: code } : null;
}

/** True when `audience` includes `narrower` (`circles` includes `contacts`; each includes itself). */
export function includesAudience(audience: Audience, narrower: Audience): boolean {
  return AUDIENCES.indexOf(audience) >= AUDIENCES.indexOf(narrower);
}
