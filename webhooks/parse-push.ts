/**
 * Push XML in, typed `Push` out (docs/protocol.md §2.2). Two steps so that encrypted pushes can share
 * the first: `readXmlFields` turns XML into flat text fields, `toPush` types them.
 */
import { parseStringPromise } from 'xml2js';
import type { Message, PlatformEvent, Push, PushBase } from './push';

/** A push the bot cannot read. The message is short and safe to return in an HTTP 400 body. */
export class PushFormatError extends Error {
  override readonly name = 'PushFormatError';
}

/** The `Encrypt` field of an encrypted push, and `ToUserName` when the envelope carries it. */
export interface EncryptedEnvelope {
  encrypt: string;
  toUserName?: string;
}

const XML_OPTIONS = {
  explicitArray: false, // one child per name; repeats become arrays, rejected or indexed below
  explicitRoot: true, // keep the root so we can insist on <xml>
  ignoreAttrs: true, // the platform sends none; dropping them keeps values plain strings
  trim: true, // leading/trailing whitespace of every value, CDATA included, is removed
  emptyTag: '',
};

// Scans like a tokenizer: comments and CDATA sections are consumed whole, so a follower who
// types "<!DOCTYPE html>" into a text message (sent inside CDATA) is not rejected.
const DECLARATION_SCAN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<!(DOCTYPE|ENTITY)/gi;
const MAYBE_DECLARATION = /<!(DOCTYPE|ENTITY)/i;
const MAX_DEPTH = 8;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const UNSIGNED = /^\d+$/;
const SCENE_PREFIX = 'qrscene_';

/**
 * Parses push XML into its fields, all as strings (CDATA and bare numbers alike).
 *
 * Nested elements are flattened with dotted names (`ScanCodeInfo.ScanType`), repeated nested
 * elements get an index (`PicList.item.0.PicMd5Sum`); the typed pushes use none of them, but
 * `UnknownMessage`/`UnknownEvent` keep them for the fallback handler.
 *
 * @throws PushFormatError on a DOCTYPE or ENTITY declaration (checked before parsing, so no
 *   entity is ever expanded), malformed XML, a root other than `<xml>`, or a repeated field
 */
export async function readXmlFields(xml: string): Promise<Record<string, string>> {
  // The tokenizing scan runs only when a declaration could be there at all (rarely).
  if (MAYBE_DECLARATION.test(xml)) {
    for (const match of xml.matchAll(DECLARATION_SCAN)) {
      if (match[1] !== undefined) throw new PushFormatError('DOCTYPE and entity declarations are not allowed');
    }
  }
  let parsed: unknown;
  try {
    parsed = await parseStringPromise(xml, XML_OPTIONS);
  } catch {
    throw new PushFormatError('malformed XML');
  }
  if (!isRecord(parsed)) throw new PushFormatError('malformed XML'); // an empty body parses to null
  if (!Object.hasOwn(parsed, 'xml')) throw new PushFormatError('root element must be <xml>');
  const fields: Record<string, string> = {};
  const root = parsed['xml'];
  if (!isRecord(root)) return fields; // <xml/> or <xml>text</xml>: no fields; toPush names the first missing one
  for (const [name, value] of Object.entries(root)) {
    // A repeated top-level field is ambiguous (which Content is the message?), so refuse it.
    if (Array.isArray(value)) throw new PushFormatError(`duplicate field ${name}`);
    flatten(fields, name, value, 1);
  }
  return fields;
}

/**
 * Types the fields of a push: every message and event of docs/protocol.md §2.2.
 *
 * MsgId stays a string; Event names are lower-cased (`SCAN` → `scan`); `qrscene_<scene>` on
 * subscribe and the bare EventKey on SCAN become `scene`; Location_X is the latitude. An
 * unknown MsgType becomes `UnknownMessage` and an unknown Event `UnknownEvent`, never an error.
 * An empty `Recognition` or `Ticket` is treated as absent.
 *
 * @throws PushFormatError naming the first missing field, or a numeric field that is not a number
 */
export function toPush(fields: Record<string, string>): Push {
  const f = new FieldReader(fields);
  const base: PushBase = {
    toUserName: f.id('ToUserName'),
    fromUserName: f.id('FromUserName'),
    createTime: f.unsigned('CreateTime'),
  };
  const rawType = f.id('MsgType');
  if (rawType.toLowerCase() === 'event') {
    const rawEvent = f.id('Event');
    const read = EVENTS.get(rawEvent.toLowerCase());
    if (read) return read(f, base);
    return { ...base, kind: 'event', event: 'unknown', rawEvent, eventKey: f.optional('EventKey') ?? '', fields: { ...fields } };
  }
  const read = MESSAGES.get(rawType.toLowerCase());
  if (read) return read(f, base);
  const msgId = f.optional('MsgId');
  return { ...base, kind: 'message', msgType: 'unknown', rawType, ...(msgId ? { msgId } : {}), fields: { ...fields } };
}

/**
 * Parses and types a plain push: `toPush(await readXmlFields(xml))`.
 *
 * @throws PushFormatError as those two do
 */
export async function parsePush(xml: string): Promise<Push> {
  return toPush(await readXmlFields(xml));
}

/**
 * Reads the envelope of an encrypted push: the base64 `Encrypt` field to hand to
 * `MessageCipher.decrypt` (and to sign for `msg_signature`), plus `ToUserName` if present.
 *
 * @throws PushFormatError("missing field Encrypt") when the field is absent or empty
 */
export function readEncryptedEnvelope(fields: Record<string, string>): EncryptedEnvelope {
  const f = new FieldReader(fields);
  const toUserName = f.optional('ToUserName');
  return { encrypt: f.id('Encrypt'), ...(toUserName ? { toUserName } : {}) };
}

type MessageReader = (f: FieldReader, base: PushBase) => Message;
type EventReader = (f: FieldReader, base: PushBase) => PlatformEvent;

const MESSAGES = new Map<string, MessageReader>([
  ['text', (f, b) => ({ ...b, kind: 'message', msgType: 'text', msgId: f.id('MsgId'), content: f.text('Content') })],
  ['image', (f, b) => ({
    ...b, kind: 'message', msgType: 'image', msgId: f.id('MsgId'), picUrl: f.text('PicUrl'), mediaId: f.id('MediaId'),
  })],
  ['voice', (f, b) => {
    const recognition = f.optional('Recognition');
    return {
      ...b, kind: 'message', msgType: 'voice', msgId: f.id('MsgId'), mediaId: f.id('MediaId'), format: f.text('Format'),
      ...(recognition ? { recognition } : {}),
    };
  }],
  ...(['video', 'shortvideo'] as const).map((msgType): [string, MessageReader] => [msgType, (f, b) => ({
    ...b, kind: 'message', msgType, msgId: f.id('MsgId'), mediaId: f.id('MediaId'), thumbMediaId: f.id('ThumbMediaId'),
  })]),
  ['location', (f, b) => ({
    ...b, kind: 'message', msgType: 'location', msgId: f.id('MsgId'),
    latitude: f.number('Location_X'), longitude: f.number('Location_Y'), scale: f.number('Scale'), label: f.text('Label'),
  })],
  ['link', (f, b) => ({
    ...b, kind: 'message', msgType: 'link', msgId: f.id('MsgId'),
    title: f.text('Title'), description: f.text('Description'), url: f.text('Url'),
  })],
]);

const EVENTS = new Map<string, EventReader>([
  ['subscribe', (f, b) => {
    const eventKey = f.optional('EventKey') ?? ''; // a plain follow may omit it or send it empty
    const ticket = f.optional('Ticket');
    const scene = eventKey.startsWith(SCENE_PREFIX) ? eventKey.slice(SCENE_PREFIX.length) : '';
    return { ...b, kind: 'event', event: 'subscribe', eventKey, ...(ticket ? { ticket } : {}), ...(scene ? { scene } : {}) };
  }],
  ['unsubscribe', (f, b) => ({ ...b, kind: 'event', event: 'unsubscribe', eventKey: f.optional('EventKey') ?? '' })],
  ['scan', (f, b) => {
    const eventKey = f.id('EventKey');
    const ticket = f.optional('Ticket');
    return { ...b, kind: 'event', event: 'scan', eventKey, scene: eventKey, ...(ticket ? { ticket } : {}) };
  }],
  ['location', (f, b) => ({
    ...b, kind: 'event', event: 'location', eventKey: f.optional('EventKey') ?? '',
    latitude: f.number('Latitude'), longitude: f.number('Longitude'), precision: f.number('Precision'),
  })],
  ['click', (f, b) => ({ ...b, kind: 'event', event: 'click', eventKey: f.id('EventKey') })],
  ['view', (f, b) => ({ ...b, kind: 'event', event: 'view', eventKey: f.id('EventKey') })],
]);

/** Typed access to the flat fields; every failure names the field. */
class FieldReader {
  constructor(private readonly fields: Record<string, string>) {}

  /** Present or undefined; own properties only, so a field named "constructor" reads nothing odd. */
  optional(name: string): string | undefined {
    return Object.hasOwn(this.fields, name) ? this.fields[name] : undefined;
  }

  /** Must be present; may be empty (a link without description, a text of only spaces). */
  text(name: string): string {
    const value = this.optional(name);
    if (value === undefined) throw new PushFormatError(`missing field ${name}`);
    return value;
  }

  /** Must be present and non-empty: ids and type names, where empty means missing. */
  id(name: string): string {
    const value = this.optional(name);
    if (!value) throw new PushFormatError(`missing field ${name}`);
    return value;
  }

  number(name: string): number {
    const value = this.id(name);
    if (!DECIMAL.test(value)) throw new PushFormatError(`${name} must be a number`);
    return Number(value);
  }

  unsigned(name: string): number {
    const value = this.id(name);
    const parsed = Number(value);
    if (!UNSIGNED.test(value) || !Number.isSafeInteger(parsed)) throw new PushFormatError(`${name} must be a number`);
    return parsed;
  }
}

function flatten(into: Record<string, string>, path: string, value: unknown, depth: number): void {
  if (depth > MAX_DEPTH) throw new PushFormatError('XML is nested too deeply');
  if (typeof value === 'string') {
    into[path] = value;
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => flatten(into, `${path}.${index}`, item, depth + 1));
  } else if (isRecord(value)) {
    for (const [name, child] of Object.entries(value)) flatten(into, `${path}.${name}`, child, depth + 1);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
