import { createHash } from 'node:crypto';
import request from 'supertest';
import type { Express } from 'express';

/**
 * Query values; the signature is computed here independently of webhooks/signature.ts. The
 * timestamp is when the test file loaded: the bot refuses timestamps far from its clock.
 */
export const TIMESTAMP = String(Math.floor(Date.now() / 1000));
export const NONCE = '482913';

/** SHA-1 of the sorted parts, as docs/protocol.md §2.1 states it. */
export function sha1Sorted(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/**
 * The query the platform adds to a push signed with `token` now: the timestamp is the current
 * time, as the bot refuses pushes signed outside its replay window.
 */
export function currentQuery(token: string, extra: Record<string, string> = {}): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return { signature: sha1Sorted(token, timestamp, NONCE), timestamp, nonce: NONCE, ...extra };
}

/** The query string the platform adds to a push signed with `token`. */
export function signedQuery(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { signature: sha1Sorted(token, TIMESTAMP, NONCE), timestamp: TIMESTAMP, nonce: NONCE, ...extra };
}

export interface TextPush {
  to: string;
  from: string;
  content: string;
  msgId: string;
  createTime?: number;
}

/** A text push as the platform sends it (strings in CDATA, numbers bare). */
export function textPushXml({ to, from, content, msgId, createTime = 1732400000 }: TextPush): string {
  return (
    `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType>` +
    `<Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`
  );
}

/** POSTs a signed push to `/webhooks/<account>`. */
export function postPush(app: Express, account: string, token: string, xml: string): request.Test {
  return request(app).post(`/webhooks/${account}`).query(signedQuery(token)).type('text/xml').send(xml);
}
