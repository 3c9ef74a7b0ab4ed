import { SendRateLimiter } from '../../src/outbox/send-rate-limiter';

describe('SendRateLimiter', () => {
  it('lets perMinute sends through per account, then waits for the oldest to leave the minute', async () => {
    let now = 0;
    const waits: number[] = [];
    const limiter = new SendRateLimiter(2, () => now, async (ms) => {
      waits.push(ms);
      now += ms;
    });
    await limiter.take('a');
    now += 10_000;
    await limiter.take('a');
    await limiter.take('b'); // another account has its own minute
    await limiter.take('a');
    expect(waits).toEqual([50_000]);
    expect(now).toBe(60_000);
  });
});
