import { MemoryJobQueue, type JobOutcome } from '../../src/jobs/memory-job-queue';

/** Resolves once `check` holds, polling; fails the test after `ms`. */
async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('MemoryJobQueue', () => {
  let queue: MemoryJobQueue;
  const outcomes: Array<[string, JobOutcome]> = [];
  beforeEach(() => {
    outcomes.length = 0;
    queue = new MemoryJobQueue({ onOutcome: (name, outcome) => outcomes.push([name, outcome]) });
  });
  afterEach(() => queue.close());

  it('runs each added job once with a copy of its payload, and dedupes by job id', async () => {
    const seen: Array<{ n: number }> = [];
    queue.define<{ n: number }>('count', async (payload) => {
      seen.push(payload);
    });
    await queue.start();
    const payload = { n: 1 };
    await queue.add('count', payload, { jobId: 'a' });
    payload.n = 99;
    await queue.add('count', { n: 2 }, { jobId: 'a' });
    await queue.add('count', { n: 3 });
    await until(() => seen.length === 2);
    expect(seen).toEqual([{ n: 1 }, { n: 3 }]);
    expect(outcomes).toEqual([['count', 'completed'], ['count', 'completed']]);
  });

  it('retries a failing job with backoff until its attempts are used, then counts it failed', async () => {
    const attempts: number[] = [];
    queue.define('flaky', async (_payload, job) => {
      attempts.push(job.attempt);
      throw new Error('down');
    }, { attempts: 3, backoffMs: 10 });
    await queue.start();
    await queue.add('flaky', {});
    await until(() => outcomes.length === 3);
    expect(attempts).toEqual([1, 2, 3]);
    expect(outcomes.map(([, o]) => o)).toEqual(['retried', 'retried', 'failed']);
    expect(await queue.counts()).toEqual([{ lane: 'default', waiting: 0, active: 0, delayed: 0, failed: 1 }]);
  });

  it('holds jobs added before start, and delayed jobs until their time', async () => {
    const ran: string[] = [];
    queue.define<{ id: string }>('mark', async ({ id }) => {
      ran.push(id);
    });
    await queue.add('mark', { id: 'later' }, { delayMs: 80 });
    await queue.add('mark', { id: 'now' });
    expect(ran).toEqual([]);
    expect((await queue.counts())[0]).toMatchObject({ waiting: 1, delayed: 1 });
    await queue.start();
    await until(() => ran.length === 2);
    expect(ran).toEqual(['now', 'later']);
  });

  it('spaces the starts of a rated lane and keeps lanes apart', async () => {
    const starts: Array<[string, number]> = [];
    queue.define<{ lane: string }>('send', async ({ lane }) => {
      starts.push([lane, Date.now()]);
    }, { lanes: [{ name: 'a', rate: { max: 1, durationMs: 60 } }, { name: 'b' }] });
    await queue.start();
    for (let i = 0; i < 3; i += 1) await queue.add('send', { lane: 'a' }, { lane: 'a' });
    for (let i = 0; i < 3; i += 1) await queue.add('send', { lane: 'b' }, { lane: 'b' });
    await until(() => starts.length === 6);
    const a = starts.filter(([lane]) => lane === 'a').map(([, at]) => at);
    // Timers may fire late, never early: each start at least the spacing after the previous.
    expect(a[1]! - a[0]!).toBeGreaterThanOrEqual(59);
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(59);
    // Lane b is not held behind lane a's rate.
    const lastB = Math.max(...starts.filter(([lane]) => lane === 'b').map(([, at]) => at));
    expect(lastB).toBeLessThan(a[2]!);
  });

  it('refuses unknown kinds and lanes, and a kind defined twice', async () => {
    queue.define('x', async () => undefined);
    expect(() => queue.define('x', async () => undefined)).toThrow(/defined twice/);
    await expect(queue.add('y', {})).rejects.toThrow(/no job kind y/);
    await expect(queue.add('x', {}, { lane: 'nope' })).rejects.toThrow(/no lane nope/);
  });

  it('close waits for the running job', async () => {
    let finished = false;
    queue.define('slow', async () => {
      await new Promise((r) => setTimeout(r, 50));
      finished = true;
    });
    await queue.start();
    await queue.add('slow', {});
    await until(() => outcomes.length === 0 && finished === false);
    await new Promise((r) => setTimeout(r, 5));
    await queue.close();
    expect(finished).toBe(true);
  });
});
