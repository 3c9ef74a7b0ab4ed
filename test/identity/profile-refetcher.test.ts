import pino from 'pino';
import { Background } from '../../src/bot/background';
import type { KnownIdentity } from '../../src/identity/identity-store';
import { ProfileRefetcher, type RefetchOutcome } from '../../src/identity/profile-refetcher';
import { MemoryCache } from '../../src/stores/memory-cache';

const log = pino({ level: 'silent' });
const NOW = new Date(Date.UTC(2026, 10, 24, 8, 0));
const DAY = 24 * 60 * 60 * 1000;

function identityFetched(at: Date | null, fakeId = '501'): KnownIdentity {
  const base = { accountId: 'acme', openId: `o${fakeId}`, fakeId, strategy: 'time-match' as const, resolvedAt: new Date(NOW.getTime() - 30 * DAY) };
  if (at === null) return base;
  return {
    ...base,
    profile: { accountId: 'acme', fakeId, nickName: 'Alice', remarkName: '', userName: 'alice', signature: '', country: '', province: '', city: '', gender: 0, fetchedAt: at },
  };
}

/** A refetcher over `cache` whose console answers with `answer` (null: it failed), counting calls and outcomes. */
function refetcherOver(cache: MemoryCache, options: { answer?: 'ok' | 'fail'; everyMs?: number } = {}) {
  const background = new Background(log);
  const calls: string[] = [];
  const outcomes: RefetchOutcome[] = [];
  const refetcher = new ProfileRefetcher({
    cache,
    refetch: async (identity) => {
      calls.push(identity.fakeId);
      return options.answer === 'fail' ? null : identity;
    },
    runInBackground: (label, work) => background.run(label, work),
    maxAgeDays: 7,
    everyMs: options.everyMs,
    now: () => NOW,
    onOutcome: (_account, outcome) => outcomes.push(outcome),
  });
  return { refetcher, background, calls, outcomes };
}

describe('ProfileRefetcher', () => {
  const cache = new MemoryCache();
  afterAll(() => cache.close());

  it.each([
    ['fetched an hour ago', new Date(NOW.getTime() - 60 * 60 * 1000), false],
    ['fetched 6 days 23 hours ago', new Date(NOW.getTime() - 7 * DAY + 60 * 60 * 1000), false],
    ['fetched exactly 7 days ago', new Date(NOW.getTime() - 7 * DAY), true],
    ['fetched 30 days ago', new Date(NOW.getTime() - 30 * DAY), true],
    ['never fetched (the console failed at the tie)', null, true],
  ])('a profile %s is stale: %s', (_what, fetchedAt, stale) => {
    expect(refetcherOver(cache).refetcher.isStale(identityFetched(fetchedAt))).toBe(stale);
  });

  it('does nothing at all for a fresh profile: no background work, no cache call', async () => {
    const counting = new MemoryCache();
    const setIfAbsent = jest.spyOn(counting, 'setIfAbsent');
    const { refetcher, background, calls } = refetcherOver(counting);
    refetcher.consider(identityFetched(new Date(NOW.getTime() - DAY)), log);
    expect(background.size).toBe(0);
    await background.drain();
    expect(calls).toEqual([]);
    expect(setIfAbsent).not.toHaveBeenCalled();
    await counting.close();
  });

  it('two processes on one cache refetch a stale profile once; the other skips', async () => {
    const shared = new MemoryCache();
    const one = refetcherOver(shared);
    const two = refetcherOver(shared);
    const stale = identityFetched(new Date(NOW.getTime() - 8 * DAY), '601');
    one.refetcher.consider(stale, log);
    two.refetcher.consider(stale, log);
    await Promise.all([one.background.drain(), two.background.drain()]);
    expect([...one.calls, ...two.calls]).toEqual(['601']);
    expect([...one.outcomes, ...two.outcomes].sort()).toEqual(['refetched', 'skipped']);
    await shared.close();
  });

  it('after a failed refetch the console is not asked again until the interval has passed', async () => {
    const own = new MemoryCache();
    const { refetcher, background, calls, outcomes } = refetcherOver(own, { answer: 'fail', everyMs: 80 });
    const stale = identityFetched(new Date(NOW.getTime() - 8 * DAY), '701');
    refetcher.consider(stale, log);
    await background.drain();
    refetcher.consider(stale, log);
    await background.drain();
    expect(outcomes).toEqual(['failed', 'skipped']);
    await new Promise((resolve) => setTimeout(resolve, 120));
    refetcher.consider(stale, log);
    await background.drain();
    expect(outcomes).toEqual(['failed', 'skipped', 'failed']);
    expect(calls).toEqual(['701', '701']);
    await own.close();
  });
});
