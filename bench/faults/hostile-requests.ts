/**
 * The fuzz phase's hostile requests, one generator per kind. Signed ones are signed now, so
 * they pass the signature (and replay window) and reach the parser; the rest must be refused
 * before it. None of them may get a 5xx or a reset connection.
 */
import { aesEncrypt, aesPlaintext, encryptedPush, sha1Sorted, signedQuery, textPushXml } from '../support/signed-push';
import { PLAIN, SAFE } from './accounts';

export interface HostileRequest {
  kind: string;
  method: string;
  path: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

const head = `<ToUserName><![CDATA[${PLAIN.originalId}]]></ToUserName><FromUserName><![CDATA[oFuzz000000000000000000000000]]></FromUserName>`;
const plainPath = (): string => `/webhooks/${PLAIN.id}?${signedQuery(PLAIN.token)}`;
const post = (kind: string, body: string | Buffer, path = plainPath()): HostileRequest => ({ kind, method: 'POST', path, body });

const bomb =
  '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY a "aaaaaaaaaa">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('') +
  `]><xml>${head}<Content>&j;</Content></xml>`;
const garbage = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256));

/** Encrypted envelopes to the safe account, correctly signed, that must not decrypt. */
function badEnvelope(n: number): HostileRequest {
  const xml = textPushXml({ to: SAFE.originalId, from: 'oFuzz000000000000000000000000', content: 'help', msgId: '1' });
  const encrypts = [
    'not base64 at all!',
    Buffer.alloc(40, 1).toString('base64'), // not a multiple of the AES block
    aesEncrypt(SAFE, aesPlaintext(xml, 'wxffffffffffffffff')), // another account's appId
    aesEncrypt({ ...SAFE, encodingAESKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg' }, aesPlaintext(xml, SAFE.appId)), // wrong key
    aesEncrypt(SAFE, Buffer.concat([Buffer.alloc(16), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from(SAFE.appId)])), // length out of range
  ];
  const encrypt = encrypts[n % encrypts.length]!;
  const { query, body } = encryptedPush(SAFE, encrypt, SAFE.originalId);
  if (n % 7 === 6) return { kind: 'AES: bad msg_signature', method: 'POST', path: `/webhooks/${SAFE.id}?${query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'0'.repeat(40)}`)}`, body };
  if (n % 7 === 5) return { kind: 'AES: no Encrypt in a safe push', method: 'POST', path: `/webhooks/${SAFE.id}?${signedQuery(SAFE.token)}`, body: xml };
  return { kind: 'AES: undecryptable envelope', method: 'POST', path: `/webhooks/${SAFE.id}?${query}`, body };
}

const kinds: Array<(n: number) => HostileRequest> = [
  (n) => post('malformed XML', [`<xml>${head}<Content>help`, '<xml><<>>', `<xml>${head}</xm>`, '<?xml version="1.0"?>', ''][n % 5]!),
  () => post('entity bomb', bomb),
  () => post('external entity', `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml>${head}<Content>&x;</Content></xml>`),
  () => post('deep nesting', `<xml>${'<a>'.repeat(5000)}x${'</a>'.repeat(5000)}</xml>`),
  (n) => post('huge body (>64 KB)', `<xml>${head}<Content><![CDATA[${'x'.repeat(70_000 + (n % 4) * 100_000)}]]></Content></xml>`),
  (n) => post('binary, JSON, prototype keys', [garbage, '{"ToUserName":"gh_3a7f9c21b04e"}', `<xml>${head}<__proto__><polluted>yes</polluted></__proto__><MsgType>text</MsgType></xml>`][n % 3]!),
  (n) => {
    const xml = textPushXml({ to: PLAIN.originalId, from: 'oFuzz000000000000000000000000', content: 'help', msgId: '1' });
    const t = String(Math.floor(Date.now() / 1000));
    const queries = [
      `signature=${'0'.repeat(40)}&timestamp=${t}&nonce=1`,
      `timestamp=${t}&nonce=1`,
      `signature=zz&timestamp=${t}&nonce=1`,
      `signature=${sha1Sorted(PLAIN.token, t, '1')}&signature=${sha1Sorted(PLAIN.token, t, '1')}&timestamp=${t}&nonce=1`,
      `signature=${sha1Sorted('wrongtoken', t, '1')}&timestamp=${t}&nonce=1`,
    ];
    return post('bad signature', xml, `/webhooks/${PLAIN.id}?${queries[n % queries.length]!}`);
  },
  (n) => ({ kind: 'undecodable path', method: n % 2 ? 'GET' : 'POST', path: ['/webhooks/%ff', '/webhooks/%', '/webhooks/%E4%B8', '/%ff', '/metrics/%ff'][n % 5]!, body: n % 2 ? undefined : '<xml/>' }),
  (n) => post('unknown account', '<xml/>', [`/webhooks/nobody?${signedQuery(PLAIN.token)}`, '/webhooks/%2e%2e%2fetc', `/webhooks/${'a'.repeat(2000)}`][n % 3]!),
  badEnvelope,
  (n) => ({ kind: 'wrong method', method: ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'GET'][n % 5]!, path: plainPath(), body: n % 5 === 4 ? undefined : '<xml/>' }),
  (n) => ({ kind: 'bad headers', method: 'POST', path: plainPath(), body: `<xml>${head}</xml>`, headers: [{ 'content-type': 'text/xml; charset=koi8-x' }, { 'content-encoding': 'gzip' }, { 'content-encoding': 'br' }][n % 3]! }),
];

/** The `n`th hostile request: the kinds take turns, each cycling through its variants. */
export function hostileRequest(n: number): HostileRequest {
  return kinds[n % kinds.length]!(Math.floor(n / kinds.length));
}
