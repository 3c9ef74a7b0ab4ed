import pino from 'pino';
import type { PushReceiver, PushTarget } from '../../webhooks/ports';
import type { TextMessage } from '../../webhooks/push';
import { PushGate } from '../../webhooks/push-gate';
import type { Reply } from '../../webhooks/reply';
import { pushKey } from '../../webhooks/push-key';
import { MemoryCache } from '../../src/stores/memory-cache';
import { RedisCache } from '../../src/stores/redis-cache';
import type { Cache } from '../../src/stores/cache';

const log = pino({ level: 'silent' });
/** Renders like the router would, with a clock in it: copies must still get the first bytes. */
let renders = 0;
const render = (reply: Reply): string => `<xml>${reply.type === 'text' ? reply.content : reply.type} @${(renders += 1)}</xml>`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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
    const first = a.process(push, 'acme', log, Date.now(), render);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const copy = await b.process(push, 'acme', log, Date.now(), render);
    const answered = await first;
    expect(answered).toEqual({ body: expect.stringMatching(/^<xml>answer 1 @\d+<\/xml>$/), outcome: 'handled' });
    await sleep(5);
    expect(copy).toEqual({ body: answered.body, outcome: 'duplicate' }); // byte for byte, not rendered again
    expect(work.runs).toBe(1);
  });

  it('a copy in another process reclaims a late reply exactly once', async () => {
    const work = receiver(150);
    const a = new PushGate({ seen: cache, receiver: work, budgetMs: 50, seenTtlMs: 60_000, pollMs: 20 });
    const b = new PushGate({ seen: cache, receiver: work, budgetMs: 500, seenTtlMs: 60_000, pollMs: 20 });
    expect(await a.process(push, 'acme', log, Date.now(), render)).toEqual({ body: null, outcome: 'late' });
    const retry = await b.process(push, 'acme', log, Date.now(), render);
    expect(retry).toEqual({ body: expect.stringContaining('answer 1'), outcome: 'duplicate-reclaimed' });
    const again = await b.process(push, 'acme', log, Date.now(), render);
    expect(again).toEqual({ body: null, outcome: 'duplicate-empty' });
    expect(work.late.size).toBe(0);
    expect(work.runs).toBe(1);
  });

  it('rejects when the cache cannot mark the push as seen, so nothing runs unguarded', async () => {
    const work = receiver(0);
    const broken: Cache = Object.assign(Object.create(cache) as Cache, { setIfAbsent: () => Promise.reject(new Error('cache down')) });
    const gate = new PushGate({ seen: broken, receiver: work, budgetMs: 100, seenTtlMs: 60_000 });
    await expect(gate.process(push, 'acme', log, Date.now(), render)).rejects.toThrow('cache down');
    expect(work.runs).toBe(0);
  });

  it('a copy runs the push itself when the process running it died (its lease expired), exactly once', async () => {
    const work = receiver(20);
    const key = pushKey('acme', push);
    // A process that marked the push as running and then died: its lease is never renewed.
    await cache.setIfAbsent(key, JSON.stringify({ s: 'run', o: 'deadbeefdeadbeef' }), 60_000);
    const options = { seen: cache, receiver: work, budgetMs: 1000, seenTtlMs: 60_000, pollMs: 10, leaseMs: 300, livenessCheckMs: 50 };
    const [b, c] = [new PushGate(options), new PushGate(options)];
    const copies = await Promise.all([b.process(push, 'acme', log, Date.now(), render), c.process(push, 'acme', log, Date.now(), render)]);
    expect(copies.map((r) => r.outcome).sort()).toEqual(['duplicate', 'taken-over']);
    expect(copies[0]!.body).toBe(copies[1]!.body);
    expect(copies[0]!.body).toContain('answer 1');
    expect(work.runs).toBe(1);
  });

  it('never takes over from a live process, however long its work runs past the lease', async () => {
    const work = receiver(700);
    const options = { seen: cache, receiver: work, budgetMs: 2000, seenTtlMs: 60_000, pollMs: 10, leaseMs: 150, livenessCheckMs: 20 };
    const a = new PushGate(options);
    const b = new PushGate(options);
    const first = a.process(push, 'acme', log, Date.now(), render);
    await sleep(30);
    const copy = await b.process(push, 'acme', log, Date.now(), render);
    expect((await first).outcome).toBe('handled');
    expect(copy.outcome).toBe('duplicate');
    expect(work.runs).toBe(1);
  });

  it('a copy in the process running the push waits for it even when the cache lost the marker', async () => {
    const work = receiver(100);
    const forgetful: Cache = Object.assign(Object.create(cache) as Cache, { setIfAbsent: async () => true });
    const gate = new PushGate({ seen: forgetful, receiver: work, budgetMs: 1000, seenTtlMs: 60_000 });
    const running = gate.process(push, 'acme', log, Date.now(), render);
    await sleep(20); // the retry comes while the work runs
    const [first, copy] = await Promise.all([running, gate.process(push, 'acme', log, Date.now(), render)]);
    expect([first.outcome, copy.outcome]).toEqual(['handled', 'duplicate']);
    expect(copy.body).toBe(first.body);
    expect(work.runs).toBe(1);
  });

  it('settles a push whose late delivery failed, so no retry takes it over and runs it again', async () => {
    const work = receiver(80);
    work.deliverLate = () => Promise.reject(new Error('console down'));
    const options = { seen: cache, receiver: work, budgetMs: 20, seenTtlMs: 60_000, pollMs: 10, leaseMs: 90, livenessCheckMs: 10 };
    const a = new PushGate(options);
    expect((await a.process(push, 'acme', log, Date.now(), render)).outcome).toBe('late');
    await a.drain();
    await sleep(200); // the lease of a's process has long expired
    const retry = await new PushGate({ ...options, budgetMs: 300 }).process(push, 'acme', log, Date.now(), render);
    expect(retry).toEqual({ body: null, outcome: 'duplicate' });
    expect(work.runs).toBe(1);
  });
});
