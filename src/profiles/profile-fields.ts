import type { Bilingual, Lang } from '../i18n';

/** The fields of a profile (docs commands.md §2), in the order a card shows them. */
export const PROFILE_FIELDS = [
  'name', 'nickname', 'gender', 'region', 'signature', 'phone',
  'email', 'company', 'title', 'address', 'website', 'about',
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** Each field's name in both languages: what people type after `set`, and what replies show. */
export const FIELD_NAMES: Readonly<Record<ProfileField, Bilingual>> = {
  name: { zh: '姓名', en: 'name' },
  nickname: { zh: '昵称', en: 'nickname' },
  gender: { zh: '性别', en: 'gender' },
  region: { zh: '地区', en: 'region' },
  signature: { zh: '签名', en: 'signature' },
  phone: { zh: '手机', en: 'phone' },
  email: { zh: '邮箱', en: 'email' },
  company: { zh: '公司', en: 'company' },
  title: { zh: '职位', en: 'title' },
  address: { zh: '地址', en: 'address' },
  website: { zh: '网站', en: 'website' },
  about: { zh: '简介', en: 'about' },
};

/** Gender values are stored as `male`/`female`/`other` (item-validity.ts); replies name them in the reader's language. */
const GENDER_NAMES: Readonly<Record<string, Bilingual>> = {
  male: { zh: '男', en: 'male' },
  female: { zh: '女', en: 'female' },
  other: { zh: '其他', en: 'other' },
};

/** A stored value as a chat reply shows it: gender in the reader's language, everything else as stored. */
export function displayValue(field: ProfileField, value: string, lang: Lang): string {
  return field === 'gender' ? (GENDER_NAMES[value]?.[lang] ?? value) : value;
}

const BY_TYPED = new Map<string, ProfileField>(
  PROFILE_FIELDS.flatMap((field) => [[field, field], [FIELD_NAMES[field].zh, field]] as Array<[string, ProfileField]>),
);

/** The field a person typed (`昵称`, `Nickname`, full-width letters), or null when it names none. */
export function parseField(typed: string): ProfileField | null {
  return BY_TYPED.get(typed.normalize('NFKC').trim().toLowerCase()) ?? null;
}

export function isProfileField(value: string): value is ProfileField {
  return (PROFILE_FIELDS as readonly string[]).includes(value);
}
