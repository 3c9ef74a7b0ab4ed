import { TextDecoder } from 'node:util';
import { UserError } from '../errors';
import { decodeQuotedPrintable, decodeText, escapes21To30, escapes30, type TextProblem } from './vcard-transport';

/**
 * The first step of reading an uploaded vCard: from the file's bytes to the first card as clean
 * vCard 3.0 or 4.0 text that ical.js reads. ical.js reads 3.0 and 4.0 correctly but not 2.1 (its
 * issue #187 is open): no quoted-printable, no soft line breaks, no parameters without a name
 * (`TEL;CELL;PREF:`). Older Android phones and Outlook export exactly that, so this step joins
 * and unfolds the lines, keeps the first card, decodes each value's transport encoding and
 * charset, and writes the card in 3.0's syntax, leaving the vCard grammar itself to the parser.
 */

/** The largest file taken: a contact with text fields fits many times over (a photo does not). */
export const VCARD_MAX_BYTES = 64 * 1024;

/** A property whose value could not be read as text, and why. */
export interface LineProblem {
  property: string;
  problem: TextProblem;
}

/** The first card of a file, ready for the parser, and what was left out on the way. */
export interface NormalisedCard {
  /** The card as vCard 3.0 or 4.0, VERSION first, one unfolded property a line. */
  text: string;
  /** The version the file declared: 2.1, 3.0 or 4.0. */
  version: string;
  /** How many cards follow the first (they are not read). */
  moreCards: number;
  /** Binary properties left out (PHOTO, LOGO, SOUND, KEY, AGENT), by name. */
  skipped: string[];
  /** Properties whose bytes are not text in their charset. */
  problems: LineProblem[];
}

/** Binary or nested properties: no profile field comes from them, and they are the bulk of a file. */
const BINARY = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY', 'AGENT']);
/** Properties whose value is a list of components separated by `;`. */
const STRUCTURED = new Set(['N', 'ADR', 'ORG', 'GENDER', 'CLIENTPIDMAP', 'GEO', 'X-ANDROID-CUSTOM']);
/** vCard 2.1 writes an encoding as a bare parameter (`;QUOTED-PRINTABLE`) as well as `ENCODING=…`. */
const ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);
const VERSIONS = new Set(['2.1', '3.0', '4.0']);

const TOO_BIG = {
  zh: `名片文件太大（最多 ${VCARD_MAX_BYTES / 1024} KB）：请只导出这一位联系人、不带照片，再上传。`,
  en: `The file is too big (at most ${VCARD_MAX_BYTES / 1024} KB): export just this one contact, without a photo, and upload it again.`,
};
const NO_CARD = {
  zh: '这不是名片文件：里面没有 BEGIN:VCARD。请在通讯录里把联系人导出为 .vcf 文件，再上传那个文件。',
  en: 'This is not a vCard: it has no BEGIN:VCARD line. Export the contact from your address book as a .vcf file and upload that file.',
};
const NOT_ENDED = {
  zh: '名片文件不完整（缺少 END:VCARD），可能只传了一部分：请重新导出后再上传。',
  en: 'The vCard is incomplete (END:VCARD is missing); the file may be cut short. Export it again and upload it.',
};
const badLine = (line: number) => ({
  zh: `名片文件第 ${line} 行无法读取：请用通讯录重新导出后再上传。`,
  en: `Line ${line} of the vCard cannot be read. Export the contact again from your address book and upload it.`,
});
const badVersion = (version: string) => ({
  zh: `不支持 ${version} 版的名片文件：请导出为 vCard 3.0 或 4.0（2.1 也可以）。`,
  en: `vCard version ${version} is not supported: export as vCard 3.0 or 4.0 (2.1 works too).`,
});

interface Line {
  text: string;
  /** The physical line it starts on, 1-based, for error messages. */
  line: number;
}

interface Param {
  name: string | null;
  value: string;
}

/** The bytes as a binary string (one character a byte), without a byte-order mark; UTF-16 becomes UTF-8. */
function binaryOf(file: Uint8Array | string): string {
  const bytes = typeof file === 'string' ? Buffer.from(file, 'utf8') : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (bytes.length > VCARD_MAX_BYTES) throw new UserError(TOO_BIG);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('latin1');
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : null;
  if (utf16) return Buffer.from(new TextDecoder(utf16).decode(bytes), 'utf8').toString('latin1');
  return bytes.toString('latin1');
}

const headerOf = (text: string) => text.slice(0, text.indexOf(':') >>> 0);
const isQuotedPrintable = (text: string) => /(^|;)\s*(ENCODING\s*=\s*)?"?QUOTED-PRINTABLE"?\s*(;|$)/i.test(headerOf(text));

/**
 * Physical lines joined into content lines. A quoted-printable value ending in `=` goes on with
 * the next line as it is (a soft line break). A line starting with a space or tab continues the
 * one before: 3.0 and 4.0 drop that one whitespace character (RFC 6350 §3.2); 2.1 folds at
 * whitespace as RFC 822 does and keeps it. CRLF, LF and CR all end a line.
 */
function contentLines(binary: string): Line[] {
  const out: Line[] = [];
  let keepsFoldSpace = false;
  for (const [index, physical] of binary.split(/\r\n|\r|\n/).entries()) {
    const last = out[out.length - 1];
    if (last && last.text.endsWith('=') && isQuotedPrintable(last.text)) {
      last.text = last.text.slice(0, -1) + physical;
    } else if (last && /^[ \t]/.test(physical)) {
      last.text += keepsFoldSpace ? physical : physical.slice(1);
    } else if (physical.trim() !== '') {
      out.push({ text: physical, line: index + 1 });
      if (/^BEGIN:VCARD$/i.test(physical.trim())) keepsFoldSpace = false;
      if (/^VERSION:\s*2\.1\s*$/i.test(physical)) keepsFoldSpace = true;
    }
  }
  return out;
}

/** The lines inside the first card (a card nested in it, 2.1's AGENT, is left out) and how many cards follow. */
function firstCard(lines: Line[]): { lines: Line[]; moreCards: number } {
  const inside: Line[] = [];
  let depth = 0;
  let cards = 0;
  let ended = false;
  for (const line of lines) {
    const word = line.text.trim().toUpperCase();
    if (word === 'BEGIN:VCARD') {
      if (depth === 0) cards += 1;
      depth += 1;
    } else if (word === 'END:VCARD') {
      if (depth > 0) depth -= 1;
      if (depth === 0 && cards === 1) ended = true;
    } else if (depth === 1 && cards === 1) {
      inside.push(line);
    }
  }
  if (cards === 0) throw new UserError(NO_CARD);
  if (!ended) throw new UserError(NOT_ENDED);
  return { lines: inside, moreCards: cards - 1 };
}

/** Splits at `separator` outside double quotes. */
function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [''];
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) parts.push('');
    else parts[parts.length - 1] += char;
  }
  return parts;
}

/** `[group.]NAME[;param…]:value` into its parts; null when the line has no such shape. */
function splitLine(text: string): { group: string | null; name: string; params: Param[]; value: string } | null {
  const [header = '', ...rest] = splitOutsideQuotes(text, ':');
  if (rest.length === 0) return null;
  const [property = '', ...rawParams] = splitOutsideQuotes(header, ';');
  const name = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$/.exec(property.trim());
  if (!name) return null;
  const params: Param[] = [];
  for (const raw of rawParams.map((part) => part.trim()).filter(Boolean)) {
    const equals = raw.indexOf('=');
    const paramName = equals < 0 ? null : raw.slice(0, equals).trim().toUpperCase();
    if (paramName !== null && !/^[A-Z0-9-]+$/.test(paramName)) return null;
    params.push({ name: paramName, value: equals < 0 ? raw : raw.slice(equals + 1).trim() });
  }
  return { group: name[1] ?? null, name: name[2]!.toUpperCase(), params, value: text.slice(header.length + 1) };
}

const unquote = (value: string) => value.replace(/^"(.*)"$/, '$1');

/** The value's bytes decoded from its transport encoding, then read in its charset (UTF-8 unless it says). */
function valueText(raw: string, params: Param[]): { text: string } | { problem: TextProblem } {
  const named = (name: string) => params.find((param) => param.name === name)?.value;
  const bare = params.find((param) => param.name === null && ENCODINGS.has(param.value.toUpperCase()))?.value;
  const encoding = unquote(named('ENCODING') ?? bare ?? '').toUpperCase();
  const bytes = encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(raw)
    : encoding === 'B' || encoding === 'BASE64' ? Buffer.from(raw, 'base64')
      : Buffer.from(raw, 'latin1');
  return decodeText(bytes, unquote(named('CHARSET') ?? 'utf-8'));
}

/** The parameters in 3.0 syntax: ENCODING and CHARSET dropped (the value is decoded), a bare one named TYPE. */
function paramsText(params: Param[]): string {
  return params
    .filter((param) => param.name !== 'ENCODING' && param.name !== 'CHARSET' && !(param.name === null && ENCODINGS.has(param.value.toUpperCase())))
    .map((param) => `;${param.name ?? 'TYPE'}=${Buffer.from(param.value, 'latin1').toString('utf8')}`)
    .join('');
}

/**
 * The first card of an uploaded file as clean 3.0 or 4.0 text (see the module comment).
 * @throws UserError (in both languages, saying what to do) when the file is over
 *   {@link VCARD_MAX_BYTES}, holds no card, a card without its end, an unreadable line, or a
 *   version other than 2.1, 3.0 and 4.0.
 */
export function normaliseVcard(file: Uint8Array | string): NormalisedCard {
  const { lines, moreCards } = firstCard(contentLines(binaryOf(file)));
  const versionLine = lines.find((line) => /^VERSION\s*:/i.test(line.text));
  const version = versionLine ? versionLine.text.slice(versionLine.text.indexOf(':') + 1).trim() : '3.0';
  if (!VERSIONS.has(version)) throw new UserError(badVersion([...version].slice(0, 10).join('')));
  const out = [version === '4.0' ? 'VERSION:4.0' : 'VERSION:3.0'];
  const skipped: string[] = [];
  const problems: LineProblem[] = [];
  for (const { text, line } of lines) {
    const parts = splitLine(text);
    if (!parts) throw new UserError(badLine(line));
    const { group, name, params, value } = parts;
    if (name === 'VERSION') continue;
    if (BINARY.has(name)) {
      skipped.push(name);
      continue;
    }
    const decoded = valueText(value, params);
    if ('problem' in decoded) {
      problems.push({ property: name, problem: decoded.problem });
      continue;
    }
    const structured = STRUCTURED.has(name);
    const escaped = version === '2.1' ? escapes21To30(decoded.text, structured) : escapes30(decoded.text, structured);
    // The parser leaves an X- property's value raw unless told it is text; the ones read here are.
    const type = name.startsWith('X-') && !params.some((param) => param.name === 'VALUE') ? ';VALUE=TEXT' : '';
    out.push(`${group ? `${group}.` : ''}${name}${paramsText(params)}${type}:${escaped}`);
  }
  return { text: ['BEGIN:VCARD', ...out, 'END:VCARD', ''].join('\r\n'), version, moreCards, skipped, problems };
}
