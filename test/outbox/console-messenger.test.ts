import pino from 'pino';
import { ConsoleSendError, ScrapeError } from '../../scrapers/console-errors';
import { ConsoleMessenger } from '../../src/outbox/console-messenger';
import { Outbox } from '../../src/outbox/outbox';
import { SendRateLimiter } from '../../src/outbox/send-rate-limiter';
import { FakeConsole } from '../builders/fake-console';
import { embeddedStores } from '../builders/test-bot';

const to = { account: 'acme', openId: 'oAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
const hello = { type: 'text' as const, content: 'hello' };

function setup(fakeId: string | null = '501') {
  const stores = embeddedStores();
  const outbox = new Outbox(stores.documents, stores.cache);
  const console = new FakeConsole();
  const sleeps: number[] = [];
  const messenger = new ConsoleMessenger({
    outbox,
    fakeIdOf: async () => fakeId,
    consoleOf: (id) => (id === 'acme' ? console : undefined),
    limiter: new SendRateLimiter(100),
    log: pino({ level: 'silent' }),
    retryDelaysMs: [10, 20],
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  return { stores, outbox, console, messenger, sleeps };
}

describe('ConsoleMessenger', () => {
  it('sends text to a known follower through the console', async () => {
    const { stores, console, messenger, outbox } = setup();
    expect(await messenger.send(to, hello)).toBe('sent');
    expect(console.sent).toEqual([{ fakeId: '501', text: 'hello' }]);
    expect(await outbox.takeTexts(to)).toEqual([]);
    await stores.close();
  });

  it.each([
    ['the 48-hour rule', new ConsoleSendError('customer-block', '10706')],
    ['a captcha demand', new ConsoleSendError('captcha', '-6')],
  ])('holds the message in the outbox on %s', async (_, error) => {
    const { stores, console, messenger, outbox } = setup();
    console.failures.set('send', [error]);
    expect(await messenger.send(to, hello, { pushKey: 'k1' })).toBe('queued');
    expect(await outbox.takeTexts(to)).toEqual(['hello']);
    await stores.close();
  });

  it('retries transient failures with backoff, then sends', async () => {
    const { stores, console, messenger, sleeps } = setup();
    console.failures.set('send', [new ScrapeError('send', 'timeout', true)]);
    expect(await messenger.send(to, hello)).toBe('sent');
    expect(sleeps).toEqual([10]);
    await stores.close();
  });

  it('queues after the last retry fails', async () => {
    const { stores, console, messenger, sleeps, outbox } = setup();
    const down = () => new ScrapeError('send', 'HTTP 502', true);
    console.failures.set('send', [down(), down(), down()]);
    expect(await messenger.send(to, hello)).toBe('queued');
    expect(sleeps).toEqual([10, 20]);
    expect(await outbox.takeTexts(to)).toEqual(['hello']);
    await stores.close();
  });

  it('queues for a follower not identified yet, and media the console cannot send', async () => {
    const unknown = setup(null);
    expect(await unknown.messenger.send(to, hello)).toBe('queued');
    expect(unknown.console.calls).toEqual([]);
    await unknown.stores.close();
    const known = setup();
    expect(await known.messenger.send(to, { type: 'image', mediaId: 'm1' })).toBe('queued');
    expect(known.console.calls).toEqual([]);
    await known.stores.close();
  });
});
