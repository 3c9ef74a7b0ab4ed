import { cardValue, type Card } from './card';
import type { ProfileField } from './profile-fields';

/**
 * vCard 3.0 (RFC 2426 over RFC 2425), written by hand: the format is a few line rules, and the
 * libraries that write it either escape wrongly (`vcards-js` leaves `;` in ORG unescaped) or
 * follow RFC 6350's escaping, which does not escape `;` in plain text values as 3.0 requires.
 */

const CRLF = '\r\n';

/** RFC 2425 §5.8.1: a line is at most 75 octets, not counting the CRLF. */
const LINE_OCTETS = 75;

/**
 * Text properties carry `CHARSET=UTF-8`: 3.0 leaves the charset to the transport, and some
 * address books (older Outlook and Android importers) read a file without it as Latin-1 or the
 * system code page, which garbles Chinese.
 */
const CHARSET = 'CHARSET=UTF-8';

/**
 * The fields with no vCard 3.0 property (GENDER is 4.0 only), as `X-LIANLUO-*` text properties
 * rather than folded into NOTE: each comes back as its own field when the file is uploaded
 * again (item 7), NOTE stays the person's `about` alone, and address books that do not know an
 * `X-` property skip it without harm. `VALUE=TEXT` says they are text, so a reader that does
 * not know the name still unescapes them.
 */
const EXTENSIONS: ReadonlyArray<readonly [ProfileField, string]> = [
  ['gender', 'X-LIANLUO-GENDER'],
  ['region', 'X-LIANLUO-REGION'],
  ['signature', 'X-LIANLUO-SIGNATURE'],
];

/**
 * Two-character Chinese family names (复姓) common enough to meet: a name of 3 or 4 Han
 * characters starting with one has those two characters as its family name.
 */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '夏侯',
  '司徒', '轩辕', '端木', '独孤', '南宫', '西门', '呼延', '澹台', '申屠', '太史', '万俟', '闻人', '钟离',
  '宗政', '赫连', '百里', '东郭', '淳于', '濮阳', '公羊', '歐陽', '司馬', '諸葛', '長孫', '鍾離',
]);

const HAN_NAME = /^\p{Script=Han}{2,4}$/u;

/** N's family and given parts for a person's single `name` value. */
export interface NameParts {
  family: string;
  given: string;
}

/**
 * How one typed `name` becomes N (family; given). A name of 2 to 4 Han characters is a Chinese
 * name written family first: its first character is the family name, or its first two when they
 * are a known compound family name and the name is longer than two. Any other name (Latin
 * letters, mixed, longer) goes whole into the family part: its order cannot be known (`Li Wei`
 * is family first, `John Smith` is not), and a whole name in one part shows intact everywhere
 * instead of being shown swapped.
 */
export function nameParts(name: string): NameParts {
  const trimmed = name.trim();
  if (!HAN_NAME.test(trimmed)) return { family: trimmed, given: '' };
  const chars = Array.from(trimmed);
  const two = chars.slice(0, 2).join('');
  const familyLength = chars.length > 2 && COMPOUND_SURNAMES.has(two) ? 2 : 1;
  return { family: chars.slice(0, familyLength).join(''), given: chars.slice(familyLength).join('') };
}

/** A text value escaped as RFC 2426 §4 requires: `\` `;` `,` and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\r\n|[\\;,\r\n]/g, (char) => (char === '\\' ? '\\\\' : char === ';' ? '\\;' : char === ',' ? '\\,' : '\\n'));
}

/**
 * A URI or phone value: no text escaping (a reader does not unescape these types), but a line
 * break, which cannot be in one, is percent-encoded rather than allowed to end the line.
 */
function rawValue(value: string): string {
  return value.replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * One content line folded (RFC 2425 §5.8.1): at most 75 UTF-8 octets per line, each further
 * line starting with a space (which counts). A cut falls between whole characters, never inside
 * a multi-byte one, and never between a backslash and the character it escapes.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let used = 0;
  for (const unit of line.match(/\\[\s\S]|[\s\S]/gu) ?? []) {
    const size = Buffer.byteLength(unit, 'utf8');
    if (used + size > LINE_OCTETS && current !== '') {
      out.push(current);
      current = ' ';
      used = 1;
    }
    current += unit;
    used += size;
  }
  out.push(current);
  return out.join(CRLF);
}

function textLine(name: string, value: string, params: string[] = []): string {
  return [[name, ...params, CHARSET].join(';'), escapeText(value)].join(':');
}

function structuredLine(name: string, parts: string[]): string {
  return `${name};${CHARSET}:${parts.map(escapeText).join(';')}`;
}

/**
 * One card as a vCard 3.0: N and FN (required in 3.0; without a visible name, FN is the
 * nickname, else the person code, and N is empty), the mapped fields, the `X-LIANLUO-*` ones,
 * and a UID from the person code so an address book updates the contact on a second import
 * instead of adding a copy. Ends with CRLF.
 */
export function cardVcard(card: Card): string {
  const value = (field: ProfileField) => cardValue(card, field);
  const name = value('name');
  const parts = name !== undefined ? nameParts(name) : { family: '', given: '' };
  const lines: string[] = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    structuredLine('N', [parts.family, parts.given, '', '', '']),
    textLine('FN', name ?? value('nickname') ?? card.personCode),
  ];
  const add = (field: ProfileField, render: (text: string) => string) => {
    const text = value(field);
    if (text !== undefined) lines.push(render(text));
  };
  add('nickname', (text) => textLine('NICKNAME', text));
  // ORG is structured (name;unit;...): a `;` in a company name is escaped, so it stays one name.
  add('company', (text) => structuredLine('ORG', [text]));
  add('title', (text) => textLine('TITLE', text));
  add('phone', (text) => `TEL;TYPE=CELL:${rawValue(text)}`);
  add('email', (text) => textLine('EMAIL', text, ['TYPE=INTERNET']));
  // One free-text address: all of it in the street part, the only part readers show whole.
  add('address', (text) => structuredLine('ADR', ['', '', text, '', '', '', '']));
  add('website', (text) => `URL:${rawValue(text)}`);
  add('about', (text) => textLine('NOTE', text));
  for (const [field, property] of EXTENSIONS) add(field, (text) => textLine(property, text, ['VALUE=TEXT']));
  lines.push(`UID:lianluo-${card.personCode}`, 'END:VCARD');
  return lines.map((line) => foldLine(line) + CRLF).join('');
}

/** Several cards in one `.vcf` file, one after another, as vCard 3.0 allows. */
export function cardsVcard(cards: readonly Card[]): string {
  return cards.map(cardVcard).join('');
}
