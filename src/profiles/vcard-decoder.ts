import ICAL from 'ical.js';
import { UserError } from '../errors';
import type { Bilingual } from '../i18n';
import { FUTURE_SKEW_MS } from './item-validity';
import { FIELD_NAMES, type ProfileField } from './profile-fields';
import { splitPacket, type DecodedItems, type Refusal } from './profile-packet';
import { normaliseVcard, type LineProblem } from './vcard-lines';

/** A vCard file uploaded on the person's page, and when it arrived. */
export interface VcardPacket {
  file: Uint8Array | string;
  uploadedAt: Date;
}

/** A property as ical.js gives it (jCard, RFC 7095): name, parameters, value type, then the values. */
type Property = [name: string, params: Record<string, unknown>, type: string, ...values: unknown[]];

const MALFORMED: Bilingual = {
  zh: '名片文件格式有误，无法读取：请用通讯录重新导出联系人（.vcf）后再上传。',
  en: 'The vCard is malformed and cannot be read. Export the contact again from your address book (.vcf) and upload it.',
};

/**
 * The card's properties, parsed by ical.js from the normalised text; any parser failure is a
 * malformed file. ical.js gives a structured value of one component (`ORG:ACME\; Inc.`) as a
 * plain string, already unescaped; it is wrapped here so that it is never split again.
 */
function propertiesOf(text: string, version: string): Property[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch {
    throw new UserError(MALFORMED);
  }
  if (!Array.isArray(parsed) || parsed[0] !== 'vcard' || !Array.isArray(parsed[1])) throw new UserError(MALFORMED);
  const design = ICAL.design.getDesignSet(version === '4.0' ? 'vcard' : 'vcard3').property as Record<string, { structuredValue?: string } | undefined>;
  return (parsed[1] as unknown[])
    .filter((prop): prop is Property => Array.isArray(prop) && typeof prop[0] === 'string')
    .map((prop) => (design[prop[0]]?.structuredValue && !Array.isArray(prop[3]) ? [prop[0], prop[1], prop[2], [prop[3]]] : prop));
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.flatMap(strings) : value === undefined || value === null ? [] : [String(value)]);

/**
 * A text property's value. ical.js splits 3.0's NOTE at unescaped commas, which 3.0 writers
 * often leave in plain text, so the pieces are joined back with the commas they were cut at.
 */
const textOf = (prop: Property): string => prop.slice(3).map((value) => strings(value).join(' ')).join(',');

/**
 * A structured value's components (N, ADR, ORG, GENDER), each with its list values joined by a
 * space. A structured property the parser does not know as one (X-ANDROID-CUSTOM, 3.0's GENDER)
 * comes as text still holding its `;` separators and `\;` escapes, and is split here.
 */
function componentsOf(prop: Property): string[] {
  const value = prop[3];
  if (Array.isArray(value)) return value.map((component) => strings(component).filter(Boolean).join(' '));
  return String(value ?? '').split(/(?<!\\);/).map((component) => component.replace(/\\;/g, ';'));
}

const paramOf = (prop: Property, name: string): string[] => strings(prop[1][name]).flatMap((value) => value.split(','));

/** Lower is preferred: `PREF=1` (4.0) and `TYPE=pref` (3.0, 2.1) first, then in file order. */
function preference(prop: Property): number {
  const pref = Number(paramOf(prop, 'pref')[0]);
  if (Number.isInteger(pref) && pref >= 1 && pref <= 100) return pref;
  return paramOf(prop, 'type').some((type) => type.toLowerCase() === 'pref') ? 1 : 101;
}

/** The preferred one of the properties named `name` that has a value. */
function preferred(props: Property[], name: string, value: (prop: Property) => string = textOf): Property | undefined {
  const candidates = props.filter((prop) => prop[0] === name && value(prop).trim() !== '');
  return candidates.reduce<Property | undefined>((best, prop) => (best === undefined || preference(prop) < preference(best) ? prop : best), undefined);
}

const HAN = /\p{Script=Han}/u;
const join = (parts: string[], separator: string) => parts.map((part) => part.trim()).filter(Boolean).join(separator);

/** A name from N (family; given; additional; prefix; suffix): a Chinese one family first without a space, any other given first. */
function nameFromN(prop: Property): string {
  const [family = '', given = '', additional = ''] = componentsOf(prop);
  return HAN.test(family + given) ? join([family, given], '') : join([given, additional, family], ' ');
}

/** ADR (PO box; extended; street; locality; region; postal code; country) as one line, in the order its language writes it. */
function addressFrom(prop: Property): string {
  const [box = '', extended = '', street = '', locality = '', region = '', code = '', country = ''] = componentsOf(prop);
  return HAN.test(componentsOf(prop).join(''))
    ? join([country, region, locality, street, extended, box, code], ' ')
    : join([box, street, extended, locality, region, code, country], ', ');
}

/** GENDER's sex (4.0), our own X-LIANLUO-GENDER, X-GENDER, or Outlook's X-WAB-GENDER (1 female, 2 male). */
function genderFrom(props: Property[]): string | undefined {
  const sex = preferred(props, 'gender', (prop) => componentsOf(prop)[0] ?? '');
  const fromSex: Record<string, string> = { M: 'male', F: 'female', O: 'other' };
  if (sex) return fromSex[(componentsOf(sex)[0] ?? '').trim().toUpperCase()];
  const text = preferred(props, 'x-lianluo-gender') ?? preferred(props, 'x-gender');
  if (text) return textOf(text);
  const wab = preferred(props, 'x-wab-gender');
  return wab ? ({ 1: 'female', 2: 'male' } as Record<string, string>)[textOf(wab).trim()] : undefined;
}

/** Android 2.1 exports a nickname as `X-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;<nickname>;…`. */
function androidNickname(props: Property[]): string | undefined {
  const custom = props.find((prop) => prop[0] === 'x-android-custom' && componentsOf(prop)[0] === 'vnd.android.cursor.item/nickname');
  return custom ? componentsOf(custom)[1] : undefined;
}

/**
 * The profile fields a card gives. The phone is never among them: only `bind` sets a phone.
 * Region comes only from our own X-LIANLUO-REGION, not from the address: the region is shown
 * to circles by default and the address to nobody, so deriving one from the other would show
 * where someone lives without their asking.
 */
function vcardFields(props: Property[]): Partial<Record<ProfileField, string>> {
  const valueOf = (name: string, render: (prop: Property) => string = textOf) => {
    const prop = preferred(props, name, render);
    return prop ? render(prop) : undefined;
  };
  const firstValue = (prop: Property) => strings(prop.slice(3)).find((value) => value.trim() !== '') ?? '';
  const fields: Partial<Record<ProfileField, string | undefined>> = {
    name: valueOf('fn') ?? valueOf('n', nameFromN),
    nickname: valueOf('nickname', firstValue) ?? androidNickname(props),
    gender: genderFrom(props),
    region: valueOf('x-lianluo-region'),
    signature: valueOf('x-lianluo-signature'),
    email: valueOf('email'),
    company: valueOf('org', (prop) => join(componentsOf(prop), ' ')),
    title: valueOf('title') ?? valueOf('role'),
    address: valueOf('adr', addressFrom),
    website: valueOf('url'),
    about: valueOf('note'),
  };
  // A profile value is one line: the card's line breaks (an address, a note) become spaces.
  const oneLine = (value: string) => value.replace(/[^\S\r\n]*(\r\n|\r|\n)\s*/g, ' ').trim();
  return Object.fromEntries(Object.entries(fields).flatMap(([field, value]) => (value && oneLine(value) ? [[field, oneLine(value)]] : [])));
}

const REV = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})(?:[.,](\d{1,3})\d*)?(?:Z|([+-])(\d{2}):?(\d{2})?)?)?$/;

/**
 * REV as a time: basic or extended ISO 8601 as 3.0 and 4.0 write it, with a zone or offset; a
 * date alone is its midnight and a time without a zone is taken as UTC. Null when it is not a
 * real time (a 13th month, a 25th hour, text).
 */
export function revisionTime(value: string): Date | null {
  const match = REV.exec(value.trim());
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map((part) => Number(part ?? 0));
  const millis = Number((match[7] ?? '').padEnd(3, '0'));
  const offset = match[8] ? (match[8] === '-' ? -1 : 1) * (Number(match[9]) * 60 + Number(match[10] ?? 0)) : 0;
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));
  const real = utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day
    && utc.getUTCHours() === hour && utc.getUTCMinutes() === minute && utc.getUTCSeconds() === second;
  return real ? new Date(utc.getTime() - offset * 60_000) : null;
}

/** The card's REV when it is a time not beyond the allowed clock skew, else the upload time. */
function sourceTime(props: Property[], uploadedAt: Date): Date {
  const rev = props.find((prop) => prop[0] === 'rev');
  const time = rev ? revisionTime(textOf(rev)) : null;
  return time && time.getTime() <= uploadedAt.getTime() + FUTURE_SKEW_MS ? time : uploadedAt;
}

const PROPERTY_FIELDS: Readonly<Record<string, ProfileField>> = {
  FN: 'name', N: 'name', NICKNAME: 'nickname', GENDER: 'gender', 'X-LIANLUO-GENDER': 'gender', 'X-GENDER': 'gender',
  'X-WAB-GENDER': 'gender', 'X-LIANLUO-REGION': 'region', 'X-LIANLUO-SIGNATURE': 'signature', EMAIL: 'email',
  ORG: 'company', TITLE: 'title', ROLE: 'title', ADR: 'address', URL: 'website', NOTE: 'about',
};

/** The fields a card meant to give but whose bytes were not text, each once, unless another property gave the field. */
function unreadable(problems: LineProblem[], fields: Partial<Record<ProfileField, string>>): Refusal[] {
  const refused = new Map<ProfileField, Refusal>();
  for (const { property, problem } of problems) {
    const field = PROPERTY_FIELDS[property];
    if (!field || fields[field] !== undefined || refused.has(field)) continue;
    const name = FIELD_NAMES[field];
    const reason = problem === 'charset'
      ? { zh: `${name.zh}用了无法识别的字符集：请把名片导出为 UTF-8 再上传`, en: `the ${name.en} is in an unknown charset: export the card as UTF-8 and upload it again` }
      : { zh: `${name.zh}不是有效的文字（与字符集不符）：请把名片导出为 UTF-8 再上传`, en: `the ${name.en} is not valid text in its charset: export the card as UTF-8 and upload it again` };
    refused.set(field, { field, reason });
  }
  return [...refused.values()];
}

/** What the page should tell the person besides the fields: numbers not imported, other cards and photos not read. */
function noticesFor(props: Property[], moreCards: number, skipped: string[]): Bilingual[] {
  const notices: Bilingual[] = [];
  const phones = props.filter((prop) => prop[0] === 'tel').length;
  if (phones > 0) {
    notices.push({
      zh: `名片里的 ${phones} 个电话号码没有导入：手机号只能通过短信验证码绑定（“绑定”，即将推出）。`,
      en: `The ${phones === 1 ? 'phone number' : `${phones} phone numbers`} in the card ${phones === 1 ? 'was' : 'were'} not imported: a phone is set only by \`bind\` and its SMS code (coming soon).`,
    });
  }
  if (moreCards > 0) notices.push({ zh: `文件里有 ${moreCards + 1} 张名片，只读取了第一张。`, en: `The file holds ${moreCards + 1} cards; only the first was read.` });
  if (skipped.includes('PHOTO')) notices.push({ zh: '名片里的照片没有导入：资料不保存照片。', en: 'The photo in the card was not imported: profiles hold no photos.' });
  return notices;
}

/**
 * The vCard upload decoder: the first card of the file (vCard 2.1, 3.0 or 4.0) into the one
 * internal format, then into single items with source `vcard` and the card's REV as their time
 * (else the upload time). Values are kept as written, HTML included (escaping is the renderer's
 * job); validity is checked afterwards by `validateItems`, like every source's.
 * @throws UserError, in both languages, when the file is too big or not a readable vCard; nothing
 *   is decoded then.
 */
export function decodeVcard({ file, uploadedAt }: VcardPacket): DecodedItems {
  const card = normaliseVcard(file);
  const props = propertiesOf(card.text, card.version);
  const fields = vcardFields(props);
  const items = splitPacket({ source: { kind: 'vcard' }, sourceUpdatedAt: sourceTime(props, uploadedAt), fields });
  return { items, refused: unreadable(card.problems, fields), notices: noticesFor(props, card.moreCards, card.skipped) };
}
