import { TextDecoder } from 'node:util';

/**
 * The transport layer of a vCard value, below what a vCard parser reads: quoted-printable and
 * base64 (vCard 2.1 and older exporters), the `CHARSET` parameter, and vCard 2.1's escaping,
 * which differs from 3.0's. Everything here works on one property value; `vcard-lines.ts`
 * applies it line by line. Values travel as binary strings (one character per byte, latin1) until
 * their charset is known, so no byte is decoded twice or split from its character.
 */

/** Why a value could not be turned into text. */
export type TextProblem = 'charset' | 'bytes';

const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;

/**
 * Quoted-printable (RFC 2045 §6.7) to bytes: `=XX` is the byte XX. Soft line breaks are joined
 * before this runs (`vcard-lines.ts`), so a multi-byte character whose `=XX` triplets were cut
 * across lines comes out whole. A `=` not followed by two hex digits is kept as it is, as
 * RFC 2045 advises robust decoders to do, and a trailing `=` (a soft break at the very end) is
 * dropped.
 */
export function decodeQuotedPrintable(binary: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < binary.length; i += 1) {
    const char = binary.charCodeAt(i);
    if (char === 0x3d) {
      const pair = binary.slice(i + 1, i + 3);
      if (HEX_PAIR.test(pair)) {
        bytes.push(Number.parseInt(pair, 16));
        i += 2;
        continue;
      }
      if (i === binary.length - 1) break;
    }
    bytes.push(char & 0xff);
  }
  return Buffer.from(bytes);
}

/**
 * Bytes to text in `charset` (any WHATWG label: UTF-8, GB2312/GBK, GB18030, Big5, Shift_JIS,
 * ISO-8859-1…). Bytes that are not valid in that charset are a problem rather than replacement
 * characters: a garbled name must not be stored as if it were the person's.
 */
export function decodeText(bytes: Uint8Array, charset: string): { text: string } | { problem: TextProblem } {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset.trim(), { fatal: true });
  } catch {
    return { problem: 'charset' };
  }
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    return { problem: 'bytes' };
  }
}

/**
 * A vCard 2.1 text value in 3.0's escaping, for a 3.0 parser to read. In 2.1 the only escape is
 * `\;` (a semicolon inside a component of a compound value); a backslash before anything else,
 * a comma and `\n` are literal text. So: `\;` stays an escape in a compound (structured) value
 * and becomes a plain `;` elsewhere, any other backslash is doubled, commas are escaped, and line
 * breaks (from quoted-printable `=0D=0A`) become `\n`.
 */
export function escapes21To30(text: string, structured: boolean): string {
  return text.replace(/\\;|\r\n|[\\,\r\n]/g, (match) => {
    if (match === '\\;') return structured ? '\\;' : ';';
    if (match === '\\') return '\\\\';
    if (match === ',') return '\\,';
    return '\\n';
  });
}

/**
 * A 3.0 or 4.0 text value made ready for the parser: `\;` becomes `;` outside structured
 * values, because RFC 2426 escapes `;` in every text value while the parser (following
 * RFC 6350) unescapes it only in structured ones; `\\` pairs are kept whole so `\\;` stays a
 * backslash then `;`. Raw line breaks, which a decoded quoted-printable value can hold, become `\n`.
 */
export function escapes30(text: string, structured: boolean): string {
  return text.replace(/\\[^\r\n]|\r\n|[\r\n]/g, (match) => {
    if (match === '\\;' && !structured) return ';';
    if (match.startsWith('\\')) return match;
    return '\\n';
  });
}
