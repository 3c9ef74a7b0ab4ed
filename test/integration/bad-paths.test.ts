import request from 'supertest';
import { startSandbox, type RunningSandbox } from '../../sandbox/create-sandbox';
import { clientErrorStatus } from '../../src/app';
import { composeLianluo } from '../../src/compose';
import { capturingLogger } from '../builders/bot-server';
import { ACCOUNT, embeddedStores } from '../builders/test-bot';

// Paths whose percent-escapes do not decode: Express refuses to decode the route parameter.
const BAD_PATHS = ['/webhooks/%ff', '/webhooks/%', '/webhooks/%E4%B8'];

describe('a path that does not decode is the client\'s error: 400, and no error-level log line', () => {
  const lines: string[] = [];
  const bot = composeLianluo({ config: { replyBudgetMs: 4500 }, accounts: [ACCOUNT], stores: embeddedStores(), logger: capturingLogger(lines, 'debug') });
  afterAll(() => bot.close());

  it.each(BAD_PATHS.flatMap((p) => [['POST', p], ['GET', p]]))('%s %s', async (method, path) => {
    lines.length = 0;
    const res = method === 'POST' ? await request(bot.app).post(path).send('<xml/>') : await request(bot.app).get(path);
    expect(res.status).toBe(400);
    expect(res.text).toBe('bad request');
    const levels = lines.map((line) => (JSON.parse(line) as { level: number }).level);
    expect(levels.every((level) => level < 40)).toBe(true); // pino: 20 debug, 30 info, 40 warn, 50 error
  });

  it.each(['/readyz/%ff', '/metrics%ff', '/%E4%B8'])('GET %s (no route) is a 404, not a 500', async (path) => {
    const res = await request(bot.app).get(path);
    expect(res.status).toBe(404);
  });
});

describe('the sandbox answers undecodable paths with 400 too', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(() => sandbox.close());

  it.each(['/_sandbox/accounts/%ff/sent', '/_sandbox/people/%E4%B8/conversation', '/_sandbox/media/%'])('GET %s (control API: JSON)', async (path) => {
    const res = await fetch(`${sandbox.url}${path}`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'bad request' });
  });

  it.each(['/cgi-bin/%ff', '/chat/%E4%B8'])('GET %s (pages: text)', async (path) => {
    const res = await fetch(`${sandbox.url}${path}`);
    expect(res.status).toBeLessThan(500);
  });
});

describe('clientErrorStatus', () => {
  it.each([
    [Object.assign(new URIError('Failed to decode param'), { status: 400 }), 400],
    [{ statusCode: 413 }, 413],
    [{ status: 500 }, undefined],
    [new Error('plain'), undefined],
    [null, undefined],
    [{ status: '400' }, undefined],
  ])('%p → %p', (error, expected) => {
    expect(clientErrorStatus(error)).toBe(expected);
  });
});
