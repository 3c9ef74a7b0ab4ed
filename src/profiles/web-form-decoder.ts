import { UserError } from '../errors';
import { FIELD_NAMES, isProfileField, PROFILE_FIELDS, type ProfileField } from './profile-fields';
import { splitPacket, type DecodedItems, type Refusal } from './profile-packet';

/**
 * The profile form of the person's page `/me`, as the page received it: each input's name (the
 * English field name, `name` … `about`) and what it held, and when it was sent.
 */
export interface WebFormPacket {
  form: Readonly<Record<string, unknown>>;
  at: Date;
}

/** More inputs than a profile has fields, many times over, is no form of ours. */
export const WEB_FORM_MAX_KEYS = 4 * PROFILE_FIELDS.length;

/** An input name as it may be shown back: at most 40 characters. */
const shown = (key: string) => [...key].slice(0, 40).join('');

/**
 * The web form decoder: each input into one item with source `web` and the form's time, in the
 * order of the form. An input left empty (or only spaces) means "remove this field": it goes to
 * `clears`, and the merge removes it as `clear` does from chat (a value from a platform's console
 * stays, and is refused with the reason). An input whose name is not a field, or whose value is
 * not text (a repeated input arrives as a list), is refused; so is the phone, which only `bind`
 * sets (the validity table refuses setting it, this decoder refuses clearing it).
 * @throws UserError when the form has more than {@link WEB_FORM_MAX_KEYS} inputs; nothing is decoded.
 */
export function decodeWebForm({ form, at }: WebFormPacket): DecodedItems {
  const entries = Object.entries(form);
  if (entries.length > WEB_FORM_MAX_KEYS) {
    throw new UserError({ zh: '表单的项目太多，无法保存：请刷新页面后再试。', en: 'The form has too many inputs to save: reload the page and try again.' });
  }
  const fields: Partial<Record<ProfileField, string>> = {};
  const clears: ProfileField[] = [];
  const refused: Refusal[] = [];
  for (const [key, value] of entries) {
    if (!isProfileField(key)) {
      refused.push({ field: shown(key), reason: { zh: `没有“${shown(key)}”这个字段`, en: `there is no field "${shown(key)}"` } });
    } else if (typeof value !== 'string') {
      const name = FIELD_NAMES[key];
      refused.push({ field: key, reason: { zh: `${name.zh}应当是一段文字`, en: `the ${name.en} must be one piece of text` } });
    } else if (value.trim() !== '') {
      fields[key] = value;
    } else if (key === 'phone') {
      refused.push({ field: key, reason: { zh: '手机号不能在这里删除（短信绑定和“解绑”即将推出）', en: 'a phone number cannot be removed here (SMS binding and `unbind` are coming soon)' } });
    } else {
      clears.push(key);
    }
  }
  return { items: splitPacket({ source: { kind: 'web' }, sourceUpdatedAt: at, fields }), refused, clears };
}
