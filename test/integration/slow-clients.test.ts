import { connect } from 'node:net';
import type { Command } from '../../src/bot/command';
import { startBotServer, type BotServer } from '../builders/bot-server';
import { currentQuery, textPushXml } from '../builders/push-request';
import { ACCOUNT, embeddedStores } from '../builders/test-bot';

// Issue 10, item 6: a client that trickles its request cannot hold a socket past a few
// seconds, while a push whose work takes longer than that is still answered.
jest.setTimeout(20_000);

const slow: Command = {
  key: 'slow',
  aliases: { zh: ['慢'], en: ['slow'] },
  summary: { zh: '慢', en: 'slow' },
  usage: { zh: '慢', en: 'slow' },
  run: () => new Promise((resolve) => setTimeout(() => resolve('done after 3.5 s'), 3500)),
};

/** Opens a socket, writes `head` at once and then one byte a second; resolves what came back and when it closed. */
function trickle(port: number, head: string): Promise<{ closedAfterMs: number; received: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    let received = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    const drip = setInterval(() => socket.writable && socket.write('x'), 1000);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ closedAfterMs: Date.now() - started, received });
    });
  });
}

describe('slow clients are cut off well under the platform’s 5 s', () => {
  let bot: BotServer;
  beforeAll(async () => {
    bot = await startBotServer({ accounts: [ACCOUNT], stores: embeddedStores(), extraCommands: [slow] });
  });
  afterAll(() => bot.close());

  it('a body sent a byte a second: 408 and closed within about 3 s', async () => {
    const head = `POST /webhooks/acme HTTP/1.1\r\nHost: bot\r\nContent-Type: text/xml\r\nContent-Length: 500\r\n\r\n<xml>`;
    const { closedAfterMs, received } = await trickle(bot.port, head);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(4500);
  });

  it('headers sent a byte a second: closed within about 2 s', async () => {
    const { closedAfterMs } = await trickle(bot.port, 'POST /webhooks/acme HTTP/1.1\r\nHost: bot\r\n');
    expect(closedAfterMs).toBeLessThan(3500);
  });

  it('a push whose work takes longer than the request limit is still answered', async () => {
    const xml = textPushXml({ to: ACCOUNT.originalId, from: 'oSlowClientTest00000000000001', content: 'slow', msgId: '8100000000000000001' });
    const res = await fetch(`${bot.url}/webhooks/acme?${new URLSearchParams(currentQuery(ACCOUNT.token))}`, { method: 'POST', body: xml });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('done after 3.5 s');
  });
});
