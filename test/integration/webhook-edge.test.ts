import { readdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseStringPromise } from 'xml2js';
import { ACCOUNT, createTestBot } from '../builders/test-bot';
import { postPush, sha1Sorted, signedQuery, textPushXml, TIMESTAMP, NONCE } from '../builders/push-request';
import { OPEN_ID, readPushFixture } from '../webhooks/push-fixtures';

const bot = createTestBot();
afterAll(() => bot.close());

let msgId = 7_000_000_000_000_000_000n;
const nextMsgId = (): string => String(msgId++);
const text = (content: string): string =>
  textPushXml({ to: ACCOUNT.originalId, from: OPEN_ID, content, msgId: nextMsgId() });

async function replyOf(body: string): Promise<Record<string, string>> {
  const parsed = (await parseStringPromise(body, { explicitArray: false })) as { xml: Record<string, string> };
  return parsed.xml;
}

describe('URL handshake (GET)', () => {
  it('answers echostr byte for byte as text/plain when the signature is right', async () => {
    const echostr = '5837397520665436492';
    const res = await request(bot.app).get('/webhooks/acme').query(signedQuery(ACCOUNT.token, { echostr }));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toBe(echostr);
  });

  it('refuses a wrong signature with 401', async () => {
    const query = { ...signedQuery('wrong-token'), echostr: 'x' };
    const res = await request(bot.app).get('/webhooks/acme').query(query);
    expect(res.status).toBe(401);
    expect(res.text).toBe('bad signature');
  });

  it('refuses an unknown account with 404', async () => {
    const res = await request(bot.app).get('/webhooks/nobody').query(signedQuery(ACCOUNT.token, { echostr: 'x' }));
    expect(res.status).toBe(404);
    expect(res.text).toBe('unknown account');
  });
});

describe('every message and event type is answered', () => {
  const dir = path.join(__dirname, '..', 'fixtures', 'pushes');
  const valid = readdirSync(dir)
    .map((f) => f.replace(/\.xml$/, ''))
    .filter((name) => !name.startsWith('bad-') && !name.startsWith('encrypted'));
  const silent = new Set(['event-unsubscribe', 'event-location', 'event-view', 'event-unknown']);

  it.each(valid)('%s', async (name) => {
    const res = await postPush(bot.app, 'acme', ACCOUNT.token, readPushFixture(name));
    expect(res.status).toBe(200);
    if (silent.has(name)) {
      expect(res.text).toBe('success');
      return;
    }
    const reply = await replyOf(res.text);
    expect(reply.ToUserName).toBe(OPEN_ID);
    expect(reply.FromUserName).toBe(ACCOUNT.originalId);
    expect(reply.MsgType).toBe('text');
    expect(reply.Content!.length).toBeGreaterThan(0);
  });
});

describe('replies', () => {
  it('stamps CreateTime in seconds and swaps the addresses', async () => {
    const before = Math.floor(Date.now() / 1000);
    const reply = await replyOf((await postPush(bot.app, 'acme', ACCOUNT.token, text('help'))).text);
    expect(Number(reply.CreateTime)).toBeGreaterThanOrEqual(before);
    expect(Number(reply.CreateTime)).toBeLessThan(before + 10);
    expect(reply.Content).toContain('whoami');
  });

  it('keeps "]]>" from the follower intact and the XML valid', async () => {
    const hostile = 'help x]]><MsgType>news</MsgType>';
    const xml = textPushXml({ to: ACCOUNT.originalId, from: OPEN_ID, content: 'PLACEHOLDER', msgId: nextMsgId() })
      .replace('<![CDATA[PLACEHOLDER]]>', '<![CDATA[help x]]]]><![CDATA[><MsgType>news</MsgType>]]>');
    const res = await postPush(bot.app, 'acme', ACCOUNT.token, xml);
    const reply = await replyOf(res.text);
    expect(reply.MsgType).toBe('text');
    expect(reply.Content).toContain(hostile.slice('help '.length));
  });

  it('answers in Chinese to Chinese', async () => {
    const reply = await replyOf((await postPush(bot.app, 'acme', ACCOUNT.token, text('我是谁'))).text);
    expect(reply.Content).toBe(`这个公众号没有连上管理后台，所以我看不到你的资料。\n编号：openID ${OPEN_ID}`);
  });
});

describe('bad input gets a status and a reason, and the server keeps serving', () => {
  const cases: Array<[string, () => request.Test, number, string]> = [
    ['unknown account', () => postPush(bot.app, 'nobody', ACCOUNT.token, text('help')), 404, 'unknown account'],
    ['wrong signature', () => postPush(bot.app, 'acme', 'not-the-token', text('help')), 401, 'bad signature'],
    [
      'missing signature',
      () => request(bot.app).post('/webhooks/acme').type('text/xml').send(text('help')),
      401,
      'missing signature, timestamp or nonce',
    ],
    [
      'body over 64 KB',
      () => postPush(bot.app, 'acme', ACCOUNT.token, text('x'.repeat(70 * 1024))),
      413,
      'body over 64kb',
    ],
    ['malformed XML', () => postPush(bot.app, 'acme', ACCOUNT.token, readPushFixture('bad-malformed')), 400, ''],
    ['entity declarations', () => postPush(bot.app, 'acme', ACCOUNT.token, readPushFixture('bad-entity-bomb')), 400, 'DOCTYPE'],
    ['missing FromUserName', () => postPush(bot.app, 'acme', ACCOUNT.token, readPushFixture('bad-missing-from')), 400, 'FromUserName'],
    ['missing MsgId', () => postPush(bot.app, 'acme', ACCOUNT.token, readPushFixture('bad-text-missing-msgid')), 400, 'MsgId'],
    ['empty body', () => postPush(bot.app, 'acme', ACCOUNT.token, ''), 400, ''],
    [
      'a push for another account',
      () => postPush(bot.app, 'acme', ACCOUNT.token, textPushXml({ to: 'gh_ffffffffffff', from: OPEN_ID, content: 'help', msgId: '1' })),
      400,
      'ToUserName',
    ],
  ];

  it.each(cases)('%s', async (_name, send, status, reason) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toContain(reason);
    expect(res.text).not.toMatch(/at .*\.ts|Error:|<html/i);
    // …and the next good push is still answered.
    expect((await postPush(bot.app, 'acme', ACCOUNT.token, text('help'))).status).toBe(200);
  });

  it('checks signatures with the whole query: a signature over other values fails', async () => {
    const query = { signature: sha1Sorted(ACCOUNT.token, TIMESTAMP, NONCE), timestamp: '1', nonce: NONCE };
    const res = await request(bot.app).post('/webhooks/acme').query(query).type('text/xml').send(text('help'));
    expect(res.status).toBe(401);
  });
});

describe('health', () => {
  it('/healthz answers', async () => {
    expect((await request(bot.app).get('/healthz')).body).toEqual({ status: 'ok' });
  });

  it('/readyz reports stores and accounts without secrets', async () => {
    const res = await request(bot.app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ready: true,
      checks: { cache: { ok: true }, documents: { ok: true } },
      accounts: [{ id: 'acme', mode: 'plain' }],
    });
    expect(res.text).not.toContain(ACCOUNT.token);
  });
});
