import type { Logger } from 'pino';
import type { ConsoleApi } from '../../scrapers/console-api';
import { ConsoleSendError, ScrapeError } from '../../scrapers/console-errors';
import type { Reply } from '../../webhooks/reply';
import { describeError } from '../errors';
import type { ActiveMessenger, Delivery, SendOptions } from './active-messenger';
import type { Outbox, Recipient } from './outbox';
import type { SendRateLimiter } from './send-rate-limiter';

export interface ConsoleMessengerOptions {
  outbox: Outbox;
  /** The follower's FakeID when the bot knows it. */
  fakeIdOf(to: Recipient): Promise<string | null>;
  /** The account's console, when it has one. */
  consoleOf(accountId: string): ConsoleApi | undefined;
  limiter: SendRateLimiter;
  log: Logger;
  /** Waits between attempts after a transient failure. */
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Sends active messages through the account's console (docs/protocol.md §3.7): rate-limited per
 * account, retried with backoff when the console is down or slow. What cannot go out now is
 * held in the outbox and delivered with the follower's next passive reply: media and news
 * (the console sends text), a follower whose FakeID is not known yet, the 48-hour rule
 * (10706), a captcha demand, stopped logins, or a console still failing after the retries.
 */
export class ConsoleMessenger implements ActiveMessenger {
  constructor(private readonly options: ConsoleMessengerOptions) {}

  async send(to: Recipient, reply: Reply, options: SendOptions = {}): Promise<Delivery> {
    const queue = async (reason: string): Promise<Delivery> => {
      this.options.log.info({ account: to.account, reason }, 'active message held in the outbox');
      await this.options.outbox.add(to, reply, options.pushKey);
      return 'queued';
    };
    const console = this.options.consoleOf(to.account);
    if (reply.type !== 'text') return queue('not text');
    if (!console) return queue('no console');
    const fakeId = await this.options.fakeIdOf(to);
    if (fakeId === null) return queue('follower not identified yet');
    const delays = this.options.retryDelaysMs ?? [1000, 3000, 9000];
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
    for (let attempt = 0; ; attempt += 1) {
      await this.options.limiter.take(to.account);
      try {
        await console.send(fakeId, reply.content);
        return 'sent';
      } catch (error) {
        const delay = delays[attempt];
        if (error instanceof ConsoleSendError || !(error instanceof ScrapeError) || !error.transient || delay === undefined) {
          return queue(describeError(error));
        }
        this.options.log.warn({ account: to.account, attempt: attempt + 1 }, `console send failed, retrying: ${describeError(error)}`);
        await sleep(delay);
      }
    }
  }
}
