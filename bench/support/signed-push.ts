/**
 * Signed pushes as the platform sends them (docs/protocol.md §2.1, 2.5), computed here rather than
 * with webhooks/signature.ts so a benchmark cannot agree with a bug in the bot's own signing.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

/** SHA-1 over the sorted parts joined without a separator, lowercase hex. */
export function sha1Sorted(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** The current time in seconds, as the platform puts it in `timestamp` (the bot refuses old ones). */
export const nowSeconds = (): string => String(Math.floor(Date.now() / 1000));

/** The query string of a plain push signed with `token`, timestamped now unless told otherwise. */
export function signedQuery(token: string, timestamp = nowSeconds(), nonce = String(100000 + Math.floor(Math.random() * 900000))): string {
  return `signature=${sha1Sorted(token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`;
}

export interface TextPush {
  to: string;
  from: string;
  content: string;
  msgId: string;
  /** Seconds; now by default. */
  createTime?: string;
}

/** A text push's XML (strings in CDATA, numbers bare). */
export function textPushXml({ to, from, content, msgId, createTime = nowSeconds() }: TextPush): string {
  return (
    `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content>` +
    `<MsgId>${msgId}</MsgId></xml>`
  );
}

/** A safe-mode account's secrets, enough to encrypt a push to it. */
export interface AesAccount {
  token: string;
  encodingAESKey: string;
  appId: string;
}

/**
 * AES-256-CBC of `plain` with the account's key (IV = first 16 key bytes) and PKCS#7 padding to
 * 32-byte blocks, base64: the `Encrypt` field. `plain` is usually {@link aesPlaintext}.
 */
export function aesEncrypt(account: AesAccount, plain: Buffer): string {
  const key = Buffer.from(`${account.encodingAESKey}=`, 'base64');
  const count = 32 - (plain.length % 32);
  const padded = Buffer.concat([plain, Buffer.alloc(count, count)]);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64');
}

/** 16 random bytes, the XML's length (4 bytes, big-endian), the XML, the appId. */
export function aesPlaintext(xml: string, appId: string): Buffer {
  const body = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  return Buffer.concat([randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
}

/** An encrypted push: the envelope XML and its query (`msg_signature` over `encrypt`). */
export function encryptedPush(account: AesAccount, encrypt: string, toUserName: string): { query: string; body: string } {
  const timestamp = nowSeconds();
  const nonce = String(100000 + Math.floor(Math.random() * 900000));
  const query =
    `signature=${sha1Sorted(account.token, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}` +
    `&encrypt_type=aes&msg_signature=${sha1Sorted(account.token, timestamp, nonce, encrypt)}`;
  return { query, body: `<xml><ToUserName><![CDATA[${toUserName}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
}
