/**
 * `GET /metrics`: what a push, a late reply, a resolution and a console request add, read back
 * from the Prometheus text the endpoint serves.
 */
import pino from 'pino';
import request from 'supertest';
import type { Command } from '../../src/bot/command';
import type { Account } from '../../src/config/account';
import { consoleOutcomeLabel } from '../../src/metrics/metrics';
import type { Push } from '../../webhooks/push';
import { FakeConsole, listed } from '../builders/fake-console';
import { postPush, textPushXml } from '../builders/push-request';
import { ACCOUNT, createTestBot } from '../builders/test-bot';
import { OPEN_ID } from '../webhooks/push-fixtures';

/** The value of one sample, or undefined when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = (match[2] ?? '').split(',');
    if (wanted.every((pair) => have.includes(pair))) return Number(match[3]);
  }
  return undefined;
}

const metricsOf = async (app: Parameters<typeof request>[0]) => (await request(app).get('/metrics').expect(200)).text;
const push = (content: string, msgId: string) => textPushXml({ to: ACCOUNT.originalId, from: OPEN_ID, content, msgId });

describe('GET /metrics', () => {
  it('counts pushes by type and outcome and times the replies', async () => {
    const bot = createTestBot();
    await postPush(bot.app, 'acme', ACCOUNT.token, push('help', '101')).expect(200);
    await postPush(bot.app, 'acme', ACCOUNT.token, push('help', '101')).expect(200); // the platform's retry
    await postPush(bot.app, 'acme', 'wrong-token', push('help', '102')).expect(401);
    const response = await request(bot.app).get('/metrics').expect(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.text;
    expect(sample(text, 'lianluo_pushes_total', { account: 'acme', type: 'text', outcome: 'handled' })).toBe(1);
    expect(sample(text, 'lianluo_pushes_total', { account: 'acme', type: 'text', outcome: 'duplicate' })).toBe(1);
    expect(sample(text, 'lianluo_pushes_total', { account: 'acme', type: 'invalid', outcome: 'rejected' })).toBe(1);
    expect(sample(text, 'lianluo_reply_seconds_count', { account: 'acme' })).toBe(2);
    expect(sample(text, 'lianluo_reply_seconds_bucket', { account: 'acme', le: '5' })).toBe(2);
    expect(sample(text, 'lianluo_outbox_messages')).toBe(0);
    // Process metrics are for the real server only.
    expect(text).not.toContain('lianluo_process_cpu');
    await bot.close();
  });

  it('labels an event push as its help text says (event.subscribe)', async () => {
    const bot = createTestBot();
    const follow =
      `<xml><ToUserName><![CDATA[${ACCOUNT.originalId}]]></ToUserName><FromUserName><![CDATA[${OPEN_ID}]]></FromUserName>` +
      '<CreateTime>1732400000</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event><EventKey><![CDATA[]]></EventKey></xml>';
    await postPush(bot.app, 'acme', ACCOUNT.token, follow).expect(200);
    const text = await metricsOf(bot.app);
    expect(sample(text, 'lianluo_pushes_total', { account: 'acme', type: 'event.subscribe', outcome: 'handled' })).toBe(1);
    const help = text.split('\n').find((line) => line.startsWith('# HELP lianluo_pushes_total '));
    expect(help).toContain('event.subscribe');
    await bot.close();
  });

  it('counts a reply past the budget and the message it leaves in the outbox', async () => {
    const slow: Command = {
      key: 'slow', aliases: { zh: ['慢'], en: ['slow'] }, summary: { zh: '测试', en: 'test' }, usage: { zh: '慢', en: 'slow' },
      run: () => new Promise((resolve) => setTimeout(() => resolve('late answer'), 300)),
    };
    const bot = createTestBot({ extraCommands: [slow], replyBudgetMs: 100 });
    expect((await postPush(bot.app, 'acme', ACCOUNT.token, push('slow', '201'))).text).toBe('success');
    await bot.gate.drain();
    const text = await metricsOf(bot.app);
    expect(sample(text, 'lianluo_pushes_total', { account: 'acme', type: 'text', outcome: 'late' })).toBe(1);
    expect(sample(text, 'lianluo_replies_past_budget_total', { account: 'acme' })).toBe(1);
    expect(sample(text, 'lianluo_outbox_messages')).toBe(1);
    await bot.close();
  });

  it('counts resolutions by strategy and outcome, and identity lookups by where they were answered', async () => {
    const console = new FakeConsole();
    console.followers_ = [{ fakeId: '501', nickName: 'Alice', groupId: 0 }];
    const T = Math.floor(Date.now() / 1000);
    console.listed = [listed('501', T, 'hello')];
    const account: Account = { ...ACCOUNT, console: { url: 'http://console.test', username: 'acme', password: 'pw' } };
    const bot = createTestBot({ accounts: [account], identity: { consoleFactory: () => console, batchWindowMs: 10, walkDelaysMs: [20] } });
    const log = pino({ level: 'silent' });
    const text = (msgId: string): Push => ({
      kind: 'message', msgType: 'text', toUserName: ACCOUNT.originalId, fromUserName: OPEN_ID, createTime: T, msgId, content: 'hello',
    });
    expect((await bot.identity.resolve(text('301'), 'acme', log))?.fakeId).toBe('501');
    expect((await bot.identity.resolve(text('302'), 'acme', log))?.fakeId).toBe('501');
    const metrics = await metricsOf(bot.app);
    expect(sample(metrics, 'lianluo_identity_resolutions_total', { account: 'acme', strategy: 'time-match', outcome: 'tied' })).toBe(1);
    expect(sample(metrics, 'lianluo_identity_resolutions_total', { account: 'acme', strategy: 'known', outcome: 'found' })).toBe(1);
    expect(sample(metrics, 'lianluo_identity_lookups_total', { result: 'unknown' })).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'lianluo_identity_lookups_total', { result: 'cache' })).toBeGreaterThanOrEqual(1);
    await bot.close();
  });

  it.each([
    ['HTTP 200', 'ok'],
    ['HTTP 502', 'http_error'],
    ['timeout', 'timeout'],
    ['network error (ECONNREFUSED)', 'network_error'],
    ['network error', 'network_error'],
  ])('labels the console outcome %s as %s', (outcome, label) => {
    expect(consoleOutcomeLabel(outcome)).toBe(label);
  });
});
