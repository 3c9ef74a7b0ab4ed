import { parseStringPromise } from 'xml2js';
import type { Account } from '../../src/config/account';
import { MessageCipher } from '../../webhooks/message-cipher';
import { createTestBot } from '../builders/test-bot';
import { NONCE, postPush, sha1Sorted, signedQuery, TIMESTAMP, textPushXml } from '../builders/push-request';
import request from 'supertest';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP_ID = 'wx0123456789abcdef';
const OPEN_ID = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';
const safe: Account = { id: 'safe', originalId: 'gh_aaaaaaaaaaaa', token: 'safetoken', mode: 'safe', encodingAESKey: KEY, appId: APP_ID };
const compat: Account = { ...safe, id: 'compat', originalId: 'gh_bbbbbbbbbbbb', token: 'compattoken', mode: 'compatible' };
const plain: Account = { id: 'plain', originalId: 'gh_cccccccccccc', token: 'plaintoken', mode: 'plain' };
const cipher = new MessageCipher(KEY, APP_ID);
const bot = createTestBot({ accounts: [safe, compat, plain] });
afterAll(() => bot.close());

let msgId = 100n;
const inner = (account: Account, content: string): string =>
  textPushXml({ to: account.originalId, from: OPEN_ID, content, msgId: String(msgId++) });

/** An encrypted push as the platform sends it, optionally with the plain fields too (compatible mode). */
function encryptedPost(account: Account, xml: string, { withPlain = false, badSignature = false } = {}): request.Test {
  const encrypt = cipher.encrypt(xml);
  const body = withPlain
    ? xml.replace('</xml>', `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`)
    : `<xml><ToUserName><![CDATA[${account.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  const msgSignature = badSignature ? '0'.repeat(40) : sha1Sorted(account.token, TIMESTAMP, NONCE, encrypt);
  return request(bot.app)
    .post(`/webhooks/${account.id}`)
    .query(signedQuery(account.token, { encrypt_type: 'aes', msg_signature: msgSignature }))
    .type('text/xml')
    .send(body);
}

async function fields(xml: string): Promise<Record<string, string>> {
  return ((await parseStringPromise(xml, { explicitArray: false })) as { xml: Record<string, string> }).xml;
}

/** Checks the reply envelope's signature and decrypts it. */
async function openReply(account: Account, body: string): Promise<Record<string, string>> {
  const envelope = await fields(body);
  expect(Object.keys(envelope).sort()).toEqual(['Encrypt', 'MsgSignature', 'Nonce', 'TimeStamp']);
  expect(envelope.MsgSignature).toBe(sha1Sorted(account.token, envelope.TimeStamp!, envelope.Nonce!, envelope.Encrypt!));
  return fields(cipher.decrypt(envelope.Encrypt!));
}

describe('safe mode', () => {
  it('decrypts the push and encrypts the reply', async () => {
    const res = await encryptedPost(safe, inner(safe, 'whoami'));
    expect(res.status).toBe(200);
    const reply = await openReply(safe, res.text);
    expect(reply.ToUserName).toBe(OPEN_ID);
    expect(reply.FromUserName).toBe(safe.originalId);
    expect(reply.Content).toContain(OPEN_ID);
  });

  it('refuses a plain push: the mode is the account’s, not the request’s', async () => {
    const res = await postPush(bot.app, 'safe', safe.token, inner(safe, 'help'));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Encrypt');
  });

  it('refuses a wrong msg_signature with 401', async () => {
    const res = await encryptedPost(safe, inner(safe, 'help'), { badSignature: true });
    expect(res.status).toBe(401);
    expect(res.text).toBe('bad msg_signature');
  });

  it('refuses ciphertext that does not decrypt with 400', async () => {
    const encrypt = Buffer.alloc(64, 7).toString('base64');
    const res = await request(bot.app)
      .post('/webhooks/safe')
      .query(signedQuery(safe.token, { msg_signature: sha1Sorted(safe.token, TIMESTAMP, NONCE, encrypt) }))
      .type('text/xml')
      .send(`<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/^cannot decrypt/);
  });
});

describe('compatible mode', () => {
  it('answers an encrypted push (with plain fields beside it) encrypted', async () => {
    const res = await encryptedPost(compat, inner(compat, 'help'), { withPlain: true });
    expect((await openReply(compat, res.text)).Content).toMatch(/^Lianluo commands:/);
  });

  it('answers a plain push plain', async () => {
    const res = await postPush(bot.app, 'compat', compat.token, inner(compat, 'help'));
    expect((await fields(res.text)).Content).toMatch(/^Lianluo commands:/);
  });
});

describe('plain mode', () => {
  it('ignores what an encrypted-looking request claims and reads the plain fields', async () => {
    const xml = inner(plain, 'help').replace('</xml>', '<Encrypt><![CDATA[junk]]></Encrypt></xml>');
    const res = await postPush(bot.app, 'plain', plain.token, xml);
    expect(res.status).toBe(200);
    expect((await fields(res.text)).Content).toMatch(/^Lianluo commands:/);
  });
});
