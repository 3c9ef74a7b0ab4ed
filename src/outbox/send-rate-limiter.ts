/**
 * Spaces active messages per account: at most `perMinute` in any sliding minute. The console
 * demands a captcha after too many sends a minute (docs/protocol.md §3.7), and a captcha stops all
 * sending, so the bot waits its turn instead. Per process: one process sends for a
 * deployment's accounts in practice; several would each keep to the limit.
 */
export class SendRateLimiter {
  private readonly sent = new Map<string, number[]>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when `accountId` may send one message; callers are served in order. */
  take(accountId: string): Promise<void> {
    const previous = this.queues.get(accountId) ?? Promise.resolve();
    const turn = previous.then(() => this.wait(accountId));
    this.queues.set(accountId, turn);
    return turn;
  }

  private async wait(accountId: string): Promise<void> {
    const times = this.sent.get(accountId) ?? [];
    for (;;) {
      const now = this.now();
      while (times.length > 0 && times[0]! <= now - 60_000) times.shift();
      if (times.length < this.perMinute) break;
      await this.sleep(times[0]! + 60_000 - now);
    }
    times.push(this.now());
    this.sent.set(accountId, times);
  }
}
