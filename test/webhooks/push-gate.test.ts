import pino from 'pino';
import type { PushReceiver, PushTarget } from '../../webhooks/ports';
import type { TextMessage } from '../../webhooks/push';
import { PushGate } from '../../webhooks/push-gate';
import type { Reply } from '../../webhooks/reply';
import { MemoryCache } from '../../src/stores/memory-cache';
import { RedisCache } from '../../src/stores/redis-cache';
import type { Cache } from '../../src/stores/cache';

const log = pino({ level: 'silent' });
const push: TextMessage = {
  kind: 'message', msgType: 'text', toUserName: 'gh_3a7f9c21b04e', fromUserName: 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u',
  createTime: 1732400000, msgId: '9223372036854775807', content: 'slow',
};

/** A receiver that answers after `ms` and keeps late replies in a map, like the outbox. */
function receiver(ms: number): PushReceiver & { runs: number; late: Map<string, Reply> } {
  const late = new Map<string, Reply>();
  const r = {
    runs: 0,
    late,
    async handle(): Promise<Reply> {
      r.runs += 1;
      await new Promise((resolve) => setTimeout(resolve, ms));
      return { type: 'text', content: `answer ${r.runs}` };
    },
    async deliverLate(target: PushTarget, reply: Reply) {
      late.set(target.pushKey, reply);
    },
    async reclaimLate(target: PushTarget) {
      const reply = late.get(target.pushKey) ?? null;
      late.delete(target.pushKey);
      return reply;
    },
  };
  return r;
}

// Two gates over one cache stand for two processes behind a load balancer.
const backends: Array<[string, () => Cache]> = [['memory cache', () => new MemoryCache()]];
if (process.env.REDIS_URL) {
  const url = process.env.REDIS_URL;
  backends.push(['redis', () => new RedisCache(url, `lianluo:test:gate:${process.pid}:${Date.now()}:`)]);
}

describe.each(backends)('PushGate across processes (%s)', (_name, makeCache) => {
  let cache: Cache;
  beforeEach(() => {
    cache = makeCache();
  });
  afterEach(() => cache.close());

  it('a copy in another process waits for the first reply through the cache', async () => {
    const work = receiver(150);
    const a = new PushGate({ seen: cache, receiver: work, budgetMs: 1000, seenTtlMs: 60_000, pollMs: 20 });
    const b = new PushGate({ seen: cache, receiver: work, budgetMs: 1000, seenTtlMs: 60_000, pollMs: 20 });
    const first = a.process(push, 'acme', log, Date.now());
    await new Promise((resolve) => setTimeout(resolve, 30));
    const copy = await b.process(push, 'acme', log, Date.now());
    expect(await first).toEqual({ reply: { type: 'text', content: 'answer 1' }, outcome: 'handled' });
    expect(copy).toEqual({ reply: { type: 'text', content: 'answer 1' }, outcome: 'duplicate' });
    expect(work.runs).toBe(1);
  });

  it('a copy in another process reclaims a late reply exactly once', async () => {
    const work = receiver(150);
    const a = new PushGate({ seen: cache, receiver: work, budgetMs: 50, seenTtlMs: 60_000, pollMs: 20 });
    const b = new PushGate({ seen: cache, receiver: work, budgetMs: 500, seenTtlMs: 60_000, pollMs: 20 });
    expect(await a.process(push, 'acme', log, Date.now())).toEqual({ reply: null, outcome: 'late' });
    const retry = await b.process(push, 'acme', log, Date.now());
    expect(retry).toEqual({ reply: { type: 'text', content: 'answer 1' }, outcome: 'duplicate-reclaimed' });
    const again = await b.process(push, 'acme', log, Date.now());
    expect(again).toEqual({ reply: null, outcome: 'duplicate-empty' });
    expect(work.late.size).toBe(0);
    expect(work.runs).toBe(1);
  });

  it('rejects when the cache cannot mark the push as seen, so nothing runs unguarded', async () => {
    const work = receiver(0);
    const broken = { ...cache, setIfAbsent: () => Promise.reject(new Error('cache down')) } as unknown as Cache;
    const gate = new PushGate({ seen: broken, receiver: work, budgetMs: 100, seenTtlMs: 60_000 });
    await expect(gate.process(push, 'acme', log, Date.now())).rejects.toThrow('cache down');
    expect(work.runs).toBe(0);
  });
});
