import request from 'supertest';
import { ACCOUNT, createTestBot } from '../builders/test-bot';
import { postPush, signedQuery, textPushXml } from '../builders/push-request';

const OPEN_ID = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';
const bot = createTestBot();
let nextId = 1000;
afterAll(() => bot.close());

const head = `<ToUserName><![CDATA[${ACCOUNT.originalId}]]></ToUserName><FromUserName><![CDATA[${OPEN_ID}]]></FromUserName>`;
const hostile: Array<[string, string | Buffer]> = [
  ['prototype keys', `<xml>${head}<__proto__><polluted>yes</polluted></__proto__><constructor>x</constructor><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>help</Content><MsgId>1</MsgId></xml>`],
  ['deep nesting', `<xml>${'<a>'.repeat(5000)}x${'</a>'.repeat(5000)}</xml>`],
  ['external entity', `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml>${head}<Content>&x;</Content></xml>`],
  ['lower-case doctype', `<!doctype xml><xml>${head}</xml>`],
  ['undefined entity', `<xml>${head}<Content>&nope;</Content></xml>`],
  ['binary garbage', Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 131 + 7) % 256))],
  ['NUL bytes', `<xml>${head}\u0000<MsgType>text</MsgType></xml>`],
  ['JSON instead of XML', '{"ToUserName":"gh_3a7f9c21b04e"}'],
  ['two roots', `<xml>${head}</xml><xml></xml>`],
  ['wrong root', `<message>${head}</message>`],
  ['duplicate field', `<xml>${head}${head}<CreateTime>1</CreateTime><MsgType>text</MsgType><Content>a</Content><MsgId>1</MsgId></xml>`],
  ['CreateTime not a number', `<xml>${head}<CreateTime>soon</CreateTime><MsgType>text</MsgType><Content>a</Content><MsgId>1</MsgId></xml>`],
  ['many fields', `<xml>${head}${Array.from({ length: 3000 }, (_, i) => `<F${i}>v</F${i}>`).join('')}</xml>`],
];

describe('hostile input never crashes the server or leaks internals', () => {
  it.each(hostile)('%s', async (_name, body) => {
    const res = await request(bot.app)
      .post('/webhooks/acme')
      .query(signedQuery(ACCOUNT.token))
      .set('content-type', 'text/xml')
      .send(body);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.text.length).toBeLessThan(120);
    expect(res.text).not.toMatch(/\bat\s.+:\d+|node_modules|Error:/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await postPush(bot.app, 'acme', ACCOUNT.token, textPushXml({ to: ACCOUNT.originalId, from: OPEN_ID, content: 'help', msgId: String(nextId++) }));
    expect(after.status).toBe(200);
  });

  it('answers a query with repeated parameters as a bad signature', async () => {
    const q = signedQuery(ACCOUNT.token);
    const res = await request(bot.app)
      .post(`/webhooks/acme?signature=${q.signature}&signature=${q.signature}&timestamp=${q.timestamp}&nonce=${q.nonce}`)
      .type('text/xml')
      .send(textPushXml({ to: ACCOUNT.originalId, from: OPEN_ID, content: 'help', msgId: '5' }));
    expect(res.status).toBe(401);
  });

  it('answers an account name that is not one with 404', async () => {
    const res = await request(bot.app).post('/webhooks/%2e%2e%2fetc').query(signedQuery(ACCOUNT.token)).send('<xml/>');
    expect(res.status).toBe(404);
  });
});
