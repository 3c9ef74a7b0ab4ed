import type { Bilingual } from '../i18n';
import { FIELD_NAMES as PROFILE_FIELD_NAMES, PROFILE_FIELDS } from './profile-fields';

/**
 * The fields a person decides the visibility of (docs commands.md §2): the profile fields
 * (profile-fields.ts, the one list), in the order cards show them, and the status (`status`,
 * set with the next issue's command, default `contacts`). Each has its English and Chinese
 * name, both accepted when typed.
 */
export const SHAREABLE_FIELDS = [...PROFILE_FIELDS, 'status'] as const;

export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

/** Each field's name in both languages, as replies write it and people type it. */
export const FIELD_NAMES: Readonly<Record<ShareableField, Bilingual>> = {
  ...PROFILE_FIELD_NAMES,
  status: { zh: '状态', en: 'status' },
};

const BY_TYPED = new Map<string, ShareableField>(
  SHAREABLE_FIELDS.flatMap((field) => [[field, field], [FIELD_NAMES[field].zh, field]] as const),
);

/** The field a person typed (`email`, `EMAIL`, `邮箱`, full-width letters), or null when it names none. */
export function parseShareableField(typed: string): ShareableField | null {
  return BY_TYPED.get(typed.normalize('NFKC').trim().toLowerCase()) ?? null;
}

/** True for `all` / `全部`: `share all <audience>` sets every field at once. */
export function isAllFields(typed: string): boolean {
  const word = typed.normalize('NFKC').trim().toLowerCase();
  return word === 'all' || word === '全部';
}
