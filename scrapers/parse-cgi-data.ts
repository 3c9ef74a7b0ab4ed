/**
 * The data of a console page (docs/protocol.md §3): one inline script assigns `wx.cgiData = { ... };`,
 * a JavaScript object literal with one property per line. Read without eval: the object is
 * split at its top-level commas and each value must be one of the literal forms the console
 * writes.
 */
import { load } from 'cheerio';
import { ConsoleChangedError, SessionExpiredError } from './console-errors';
import { isExpiredPage } from './detect-expiry';

const CGI_DATA = /wx\.cgiData\s*=\s*\{/;
// Names are capped in length: they appear in error messages, which must never quote a page.
const PROPERTY = /^(?:([A-Za-z_$][\w$]{0,63})|"([^"\\]{0,64})"|'([^'\\]{0,64})')\s*:\s*([\s\S]*)$/;
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i;
const TIMES_ONE = /^\s*\*\s*1\s*$/;
const MEMBER_OF_JSON = /^\(([\s\S]*)\)\s*\.\s*([A-Za-z_$][\w$]*)$/;
const KEYWORDS: Record<string, unknown> = { true: true, false: false, null: null };
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0' };
const OPENERS = '{[(';
const CLOSERS = '}])';

/**
 * Reads `wx.cgiData` from a console page into a plain object. Values may be numbers, quoted
 * strings, `'25' * 1` (a number) or `({...json...}).member`; a property in any other form
 * is left out, so the page parser that needs it reports it missing.
 *
 * @param step names the call in errors (`follower list`, `message list`)
 * @throws SessionExpiredError when the page is the login-timeout page
 * @throws ConsoleChangedError when there is no `wx.cgiData`, it is not closed, or a value in a
 *   known form cannot be read
 */
export function parseCgiData(html: string, step: string): Record<string, unknown> {
  if (isExpiredPage(html)) throw new SessionExpiredError(step);
  const $ = load(html);
  const script = $('script')
    .toArray()
    .map((element) => $(element).text())
    .find((text) => CGI_DATA.test(text));
  const match = script === undefined ? null : CGI_DATA.exec(script);
  if (script === undefined || match === null) throw new ConsoleChangedError(step, 'no wx.cgiData');
  const entries = splitProperties(script, match.index + match[0].length - 1);
  if (entries === undefined) throw new ConsoleChangedError(step, 'wx.cgiData is not closed');
  const data: Record<string, unknown> = {};
  for (const entry of entries) {
    const property = PROPERTY.exec(entry.trim());
    if (property === null) continue;
    const name = property[1] ?? property[2] ?? property[3] ?? '';
    const value = readValue((property[4] ?? '').trim(), name, step);
    if (value !== undefined) data[name] = value.value;
  }
  return data;
}

/**
 * Splits the object literal opening at `open` into its property texts, honouring strings,
 * nesting and comments. Returns undefined when the object never closes.
 */
function splitProperties(source: string, open: number): string[] | undefined {
  const entries: string[] = [];
  let current = '';
  let depth = 0;
  let quote = '';
  for (let i = open; i < source.length; i += 1) {
    const ch = source.charAt(i);
    if (quote !== '') {
      current += ch;
      if (ch === '\\') {
        current += source.charAt(i + 1);
        i += 1;
      } else if (ch === quote) quote = '';
      continue;
    }
    const comment = ch === '/' ? source.charAt(i + 1) : '';
    if (comment === '/' || comment === '*') {
      const end = comment === '/' ? source.indexOf('\n', i) : source.indexOf('*/', i + 2) + 1;
      if (end <= 0) return undefined;
      i = end;
      current += ' ';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (OPENERS.includes(ch)) {
      depth += 1;
      if (depth === 1) continue;
    } else if (CLOSERS.includes(ch)) {
      depth -= 1;
      if (depth === 0) return [...entries, current];
    } else if (ch === ',' && depth === 1) {
      entries.push(current);
      current = '';
      continue;
    }
    current += ch;
  }
  return undefined;
}

/** One property value; undefined for an expression of a form the console does not use. */
function readValue(raw: string, name: string, step: string): { value: unknown } | undefined {
  if (NUMBER.test(raw)) return { value: Number(raw) };
  if (Object.hasOwn(KEYWORDS, raw)) return { value: KEYWORDS[raw] };
  if (raw.startsWith('"') || raw.startsWith("'")) {
    const literal = readStringLiteral(raw);
    if (literal === undefined) throw new ConsoleChangedError(step, `${name} is an unclosed string`);
    const rest = raw.slice(literal.end);
    if (rest.trim() === '') return { value: literal.value };
    if (!TIMES_ONE.test(rest)) return undefined;
    const number = Number(literal.value);
    if (!Number.isFinite(number)) throw new ConsoleChangedError(step, `${name} is not a number`);
    return { value: number };
  }
  const member = MEMBER_OF_JSON.exec(raw);
  if (member !== null) {
    const json = parseJson(member[1] ?? '', name, step);
    const key = member[2] ?? '';
    if (typeof json !== 'object' || json === null || !Object.hasOwn(json, key)) {
      throw new ConsoleChangedError(step, `${name} has no ${key}`);
    }
    return { value: (json as Record<string, unknown>)[key] };
  }
  if (raw.startsWith('{') || raw.startsWith('[')) return { value: parseJson(raw, name, step) };
  return undefined;
}

function parseJson(text: string, name: string, step: string): unknown {
  try {
    return JSON.parse(escapeControlChars(text));
  } catch {
    throw new ConsoleChangedError(step, `${name} is not valid JSON`);
  }
}

/**
 * JSON forbids raw U+0000–U+001F inside strings, but nicknames carry them as typed: escape
 * them (inside strings only; outside, a tab is plain whitespace).
 */
function escapeControlChars(json: string): string {
  if (!hasControlChar(json)) return json;
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i += 1) {
    const ch = json.charAt(i);
    if (inString && ch === '\\') {
      out += ch + json.charAt(i + 1);
      i += 1;
      continue;
    }
    if (ch === '"') inString = !inString;
    else if (inString && isControlChar(ch)) {
      out += `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
      continue;
    }
    out += ch;
  }
  return out;
}

function isControlChar(ch: string): boolean {
  return ch.charCodeAt(0) < 0x20;
}

function hasControlChar(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

/** Decodes the JavaScript string literal `text` starts with; `end` is the index after it. */
function readStringLiteral(text: string): { value: string; end: number } | undefined {
  const quote = text.charAt(0);
  let value = '';
  for (let i = 1; i < text.length; i += 1) {
    const ch = text.charAt(i);
    if (ch === quote) return { value, end: i + 1 };
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const next = text.charAt(i + 1);
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : 0;
    const hex = text.slice(i + 2, i + 2 + hexLength);
    if (hexLength > 0 && hex.length === hexLength && /^[0-9a-f]+$/i.test(hex)) {
      value += String.fromCharCode(parseInt(hex, 16));
      i += 1 + hexLength;
    } else if (next === '\r' || next === '\n') {
      i += next === '\r' && text.charAt(i + 2) === '\n' ? 2 : 1; // line continuation
    } else {
      value += ESCAPES[next] ?? next;
      i += 1;
    }
  }
  return undefined;
}
