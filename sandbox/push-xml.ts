/**
 * XML in and out of the pusher: building a push (strings in CDATA, numbers bare, docs/protocol.md
 * §2.2) and reading the bot's reply (2.3) into a small summary.
 */
import { parseStringPromise } from 'xml2js';

/** A field of a push: strings go into CDATA, numbers and bigints (MsgId) stay bare. */
export type XmlValue = string | number | bigint;

/** Wraps text in CDATA, splitting any `]]>` across two sections. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Renders `<xml>` with one element per field, in the given order. */
export function buildXml(fields: Record<string, XmlValue>): string {
  const body = Object.entries(fields)
    .map(([name, value]) => `<${name}>${typeof value === 'string' ? cdata(value) : String(value)}</${name}>`)
    .join('');
  return `<xml>${body}</xml>`;
}

/** The children of a reply's `<xml>` root, as xml2js reads them (strings, nested objects, arrays). */
export type XmlFields = Record<string, unknown>;

/**
 * Parses an XML document whose root is `<xml>`.
 *
 * @throws Error when the text is not XML or the root is not `<xml>`
 */
export async function parseXml(text: string): Promise<XmlFields> {
  const parsed = (await parseStringPromise(text, { explicitArray: false, explicitRoot: true })) as unknown;
  const root = (parsed as { xml?: unknown } | null)?.xml;
  if (root === undefined) throw new Error('the root element is not <xml>');
  return typeof root === 'object' && root !== null ? (root as XmlFields) : {};
}

/** A string child, or '' when missing or not text. */
export function textOf(fields: XmlFields, name: string): string {
  const value = fields[name];
  return typeof value === 'string' ? value : '';
}

/** What the follower would see of a reply: its type and a one-line content. */
export interface ReplySummary {
  /** The reply's MsgType (`text`, `news`, `image`, …), or `error` when the follower gets an error notice. */
  type: string;
  content?: string;
}

/** Sums up a plain reply: text → Content, news → the titles one per line, media → MediaId. */
export function summariseReply(fields: XmlFields): ReplySummary {
  const type = textOf(fields, 'MsgType');
  if (type === 'text') return { type, content: textOf(fields, 'Content') };
  if (type === 'news') {
    const articles = fields.Articles as { item?: unknown } | undefined;
    const items = articles?.item === undefined ? [] : Array.isArray(articles.item) ? articles.item : [articles.item];
    return { type, content: items.map((item) => textOf(item as XmlFields, 'Title')).join('\n') };
  }
  const media = fields[type.charAt(0).toUpperCase() + type.slice(1)] as XmlFields | undefined;
  if (media && typeof media === 'object') {
    return { type, content: textOf(media, 'MediaId') || textOf(media, 'Title') };
  }
  return type ? { type } : { type: 'error', content: 'the reply has no MsgType' };
}
