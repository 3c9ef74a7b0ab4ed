import request from 'supertest';
import type { Command } from '../../src/bot/command';
import { REPLAY_WINDOW_S } from '../../webhooks/decode-push';
import { NONCE, sha1Sorted, textPushXml } from '../builders/push-request';
import { ACCOUNT, createTestBot } from '../builders/test-bot';

// Issue 10, item 4: a correctly signed push is refused when its timestamp is far from the
// server's clock, and one accepted once is never run again while its timestamp is accepted.

const counted: Command & { runs: number } = {
  key: 'count',
  aliases: { zh: ['计数'], en: ['count'] },
  summary: { zh: '计数', en: 'count' },
  usage: { zh: '计数', en: 'count' },
  runs: 0,
  async run() {
    counted.runs += 1;
    return `run ${counted.runs}`;
  },
};

const realNow = Date.now();
let offsetMs = 0;
const nowSeconds = () => Math.floor(realNow / 1000);

function signedAt(timestamp: string) {
  return { signature: sha1Sorted(ACCOUNT.token, timestamp, NONCE), timestamp, nonce: NONCE };
}

describe('the replay window', () => {
  // The bot's clock: the webhook, the gate and the embedded cache all read Date.now (the first
  // two take it when they are made, so the clock is replaced before the bot is).
  jest.spyOn(Date, 'now').mockImplementation(() => realNow + offsetMs);
  afterAll(() => jest.restoreAllMocks());
  const bot = createTestBot({ extraCommands: [counted] });
  afterAll(() => bot.close());
  const post = (query: Record<string, string>, msgId: string) =>
    request(bot.app).post('/webhooks/acme').query(query).type('text/xml')
      .send(textPushXml({ to: ACCOUNT.originalId, from: 'oReplayWindowTest0000000000001', content: 'count', msgId }));

  it.each([
    ['a day old', String(nowSeconds() - 86_400)],
    ['a day ahead', String(nowSeconds() + 86_400)],
    [`${REPLAY_WINDOW_S + 5} s old`, String(nowSeconds() - REPLAY_WINDOW_S - 5)],
  ])('refuses a correctly signed push whose timestamp is %s: 401, nothing runs', async (_what, timestamp) => {
    offsetMs = 0;
    const res = await post(signedAt(timestamp), '6100000000000000001');
    expect(res.status).toBe(401);
    expect(res.text).toContain('timestamp outside the accepted window');
    expect(counted.runs).toBe(0);
  });

  it('refuses a signed timestamp that is not a number', async () => {
    const res = await post(signedAt('abc'), '6100000000000000002');
    expect(res.status).toBe(401);
    expect(res.text).toBe('timestamp is not a number of seconds');
    expect(counted.runs).toBe(0);
  });

  it('accepts a push once, answers a replay inside the window with the same bytes, and refuses it after', async () => {
    offsetMs = 0;
    const query = signedAt(String(nowSeconds()));
    const first = await post(query, '6100000000000000003');
    expect(first.text).toContain('run 1');
    offsetMs = (REPLAY_WINDOW_S - 10) * 1000; // the old de-duplication forgot after 60 s
    const replay = await post(query, '6100000000000000003');
    expect(replay.text).toBe(first.text);
    offsetMs = (REPLAY_WINDOW_S + 10) * 1000;
    expect((await post(query, '6100000000000000003')).status).toBe(401);
    expect(counted.runs).toBe(1);
  });

  it('accepts clock skew inside the window, both ways', async () => {
    offsetMs = 0;
    expect((await post(signedAt(String(nowSeconds() + 100)), '6100000000000000004')).status).toBe(200);
    expect((await post(signedAt(String(nowSeconds() - 100)), '6100000000000000005')).status).toBe(200);
  });
});
