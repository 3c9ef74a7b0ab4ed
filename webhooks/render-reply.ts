/**
 * Reply XML out (docs/protocol.md §2.3 and 2.5). The bot decides what to say (`Reply`); this file
 * fills the envelope and makes sure whatever a user typed cannot break the XML: malformed XML
 * shows the follower an error notice instead of our answer.
 */
import type { Article, Reply } from './reply';
import { signPush } from './signature';

/** Who the reply goes to, taken from the push it answers. */
export interface ReplyAddress {
  /** The follower's openID (the push's FromUserName). */
  openId: string;
  /** The account's original id (the push's ToUserName). */
  originalId: string;
  /** True when answering an event: news may then carry 8 articles instead of 1. */
  answersEvent: boolean;
}

/** What `renderEncryptedReply` wraps: the encrypted reply and the values to sign it with. */
export interface EncryptedReplyParts {
  /** Base64 output of `MessageCipher.encrypt` over the plain reply XML. */
  encrypt: string;
  token: string;
  /** Unix seconds, as a decimal string (it is signed as text). */
  timestamp: string;
  nonce: string;
}

const MAX_ARTICLES_FOR_MESSAGE = 1;
const MAX_ARTICLES_FOR_EVENT = 8;
const UNSIGNED = /^\d+$/;
// Everything XML 1.0 forbids: C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
const ILLEGAL_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Renders a passive reply as the response body.
 *
 * CreateTime is `now` in unix seconds. Every string goes into CDATA, with characters XML 1.0
 * forbids removed and `]]>` split across two sections, so the output always parses back to the
 * text given. News keeps the first article when answering a message and the first 8 when
 * answering an event: the platform rejects the whole reply otherwise, and a shorter answer beats
 * an error notice.
 *
 * @throws RangeError when `now` is an invalid date or a news reply has no article
 */
export function renderReply(reply: Reply, to: ReplyAddress, now: Date): string {
  const seconds = Math.floor(now.getTime() / 1000);
  if (!Number.isFinite(seconds)) throw new RangeError('now is not a valid date');
  return element('xml', [
    text('ToUserName', to.openId),
    text('FromUserName', to.originalId),
    `<CreateTime>${seconds}</CreateTime>`,
    text('MsgType', reply.type),
    ...body(reply, to.answersEvent),
  ]);
}

/**
 * Wraps an encrypted reply for an encrypted push (docs/protocol.md §2.5), signing it with
 * `signPush(token, timestamp, nonce, encrypt)`.
 *
 * @throws RangeError when `timestamp` is not a decimal number (it is written bare, not in CDATA)
 */
export function renderEncryptedReply(parts: EncryptedReplyParts): string {
  if (!UNSIGNED.test(parts.timestamp)) throw new RangeError('timestamp must be unix seconds');
  return element('xml', [
    text('Encrypt', parts.encrypt),
    text('MsgSignature', signPush(parts.token, parts.timestamp, parts.nonce, parts.encrypt)),
    `<TimeStamp>${parts.timestamp}</TimeStamp>`,
    text('Nonce', parts.nonce),
  ]);
}

function body(reply: Reply, answersEvent: boolean): string[] {
  switch (reply.type) {
    case 'text':
      return [text('Content', reply.content)];
    case 'image':
      return [element('Image', [text('MediaId', reply.mediaId)])];
    case 'voice':
      return [element('Voice', [text('MediaId', reply.mediaId)])];
    case 'video':
      return [element('Video', [
        text('MediaId', reply.mediaId), optionalText('Title', reply.title), optionalText('Description', reply.description),
      ])];
    case 'music':
      return [element('Music', [
        optionalText('Title', reply.title),
        optionalText('Description', reply.description),
        text('MusicUrl', reply.musicUrl),
        optionalText('HQMusicUrl', reply.hqMusicUrl),
        optionalText('ThumbMediaId', reply.thumbMediaId),
      ])];
    case 'news':
      return news(reply.articles, answersEvent ? MAX_ARTICLES_FOR_EVENT : MAX_ARTICLES_FOR_MESSAGE);
  }
}

function news(articles: Article[], limit: number): string[] {
  const kept = articles.slice(0, limit);
  if (kept.length === 0) throw new RangeError('a news reply needs at least one article');
  return [
    `<ArticleCount>${kept.length}</ArticleCount>`,
    element('Articles', kept.map((article) => element('item', [
      text('Title', article.title),
      text('Description', article.description ?? ''),
      text('PicUrl', article.picUrl ?? ''),
      text('Url', article.url ?? ''),
    ]))),
  ];
}

function element(name: string, children: string[]): string {
  return `<${name}>${children.join('')}</${name}>`;
}

function text(name: string, value: string): string {
  return `<${name}>${cdata(value)}</${name}>`;
}

function optionalText(name: string, value: string | undefined): string {
  return value === undefined ? '' : text(name, value);
}

/** One or more CDATA sections that parse back to `value` (minus characters XML cannot carry). */
function cdata(value: string): string {
  const legal = value.replace(ILLEGAL_XML_CHARS, '');
  // "]]>" would end the section early: close after "]]", reopen, and put ">" in the next one.
  return `<![CDATA[${legal.split(']]>').join(']]]]><![CDATA[>')}]]>`;
}
