import { randomUUID } from 'node:crypto';
import type { AddJobOptions, JobHandler, JobKindOptions, JobQueue, LaneCounts, LaneSpec } from './job-queue';

/** What a job ended with, for metrics. */
export type JobOutcome = 'completed' | 'retried' | 'failed';

export interface MemoryJobQueueOptions {
  /** Told after every attempt (metrics). */
  onOutcome?: (name: string, outcome: JobOutcome) => void;
  /** How long a finished job's id still dedupes adds (default 24 h, like the BullMQ backend). */
  keepFinishedMs?: number;
  now?: () => number;
}

interface Kind {
  handler: JobHandler<object>;
  attempts: number;
  backoffMs: number;
  lanes: Map<string, LaneSpec>;
}

interface Entry {
  id: string;
  name: string;
  payload: object;
  lane: string;
  attempt: number;
  runAt: number;
  state: 'waiting' | 'active' | 'failed' | 'completed';
  finishedAt?: number;
}

interface Lane {
  spec: LaneSpec;
  running: number;
  /** When the last job started: the rate spaces starts `durationMs / max` apart. */
  lastStart: number;
  timer?: NodeJS.Timeout;
}

const DEFAULT_LANE: LaneSpec = { name: 'default' };

/**
 * The in-process job queue: the demo's and a single process's. Same contract as the BullMQ
 * backend (test/jobs/), but the jobs live in this process's memory: a crash loses what waits,
 * so a deployment that must survive one sets REDIS_URL. Rates are kept as the BullMQ backend
 * keeps them: starts spaced `durationMs / max` apart, which no sliding window can fault.
 */
export class MemoryJobQueue implements JobQueue {
  private readonly kinds = new Map<string, Kind>();
  private readonly jobs = new Map<string, Entry>();
  private readonly lanes = new Map<string, Lane>();
  private readonly running = new Set<Promise<void>>();
  private started = false;
  private closed = false;
  private droppedAt = Number.NEGATIVE_INFINITY;
  private readonly now: () => number;

  constructor(private readonly options: MemoryJobQueueOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  define<P extends object>(name: string, handler: JobHandler<P>, options: JobKindOptions = {}): void {
    if (this.kinds.has(name)) throw new Error(`the job kind ${name} is defined twice`);
    const lanes = new Map((options.lanes ?? [DEFAULT_LANE]).map((spec) => [spec.name, spec] as const));
    for (const spec of lanes.values()) {
      const known = this.lanes.get(spec.name);
      if (!known) this.lanes.set(spec.name, { spec, running: 0, lastStart: Number.NEGATIVE_INFINITY });
    }
    this.kinds.set(name, { handler: handler as JobHandler<object>, attempts: options.attempts ?? 5, backoffMs: options.backoffMs ?? 1000, lanes });
  }

  add<P extends object>(name: string, payload: P, options: AddJobOptions = {}): Promise<void> {
    const kind = this.kinds.get(name);
    if (!kind) return Promise.reject(new Error(`no job kind ${name} is defined`));
    if (this.closed) return Promise.reject(new Error('the job queue is closed'));
    const lane = options.lane ?? kind.lanes.keys().next().value!;
    if (!kind.lanes.has(lane)) return Promise.reject(new Error(`the job kind ${name} has no lane ${lane}`));
    this.dropExpired();
    const id = options.jobId ?? randomUUID();
    if (this.jobs.has(id)) return Promise.resolve();
    // A copy, as the BullMQ backend's JSON round trip gives: the caller may change its object.
    const copy = JSON.parse(JSON.stringify(payload)) as object;
    this.jobs.set(id, { id, name, payload: copy, lane, attempt: 0, runAt: this.now() + (options.delayMs ?? 0), state: 'waiting' });
    this.pump(lane);
    return Promise.resolve();
  }

  start(): Promise<void> {
    this.started = true;
    for (const lane of this.lanes.keys()) this.pump(lane);
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const lane of this.lanes.values()) clearTimeout(lane.timer);
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }

  counts(): Promise<LaneCounts[]> {
    const now = this.now();
    const counts = new Map([...this.lanes.keys()].map((lane) => [lane, { lane, waiting: 0, active: 0, delayed: 0, failed: 0 }]));
    for (const job of this.jobs.values()) {
      const c = counts.get(job.lane)!;
      if (job.state === 'active') c.active += 1;
      else if (job.state === 'failed') c.failed += 1;
      else if (job.state === 'waiting') {
        if (job.runAt > now) c.delayed += 1;
        else c.waiting += 1;
      }
    }
    return Promise.resolve([...counts.values()]);
  }

  /** Starts what may start in `lane` now, and sets a timer for what may start later. */
  private pump(laneName: string): void {
    const lane = this.lanes.get(laneName)!;
    if (!this.started || this.closed) return;
    clearTimeout(lane.timer);
    lane.timer = undefined;
    const concurrency = lane.spec.concurrency ?? 1;
    while (lane.running < concurrency) {
      const now = this.now();
      const next = this.nextDue(laneName);
      if (!next) return;
      const wait = Math.max(next.runAt - now, this.rateWait(lane, now));
      if (wait > 0) {
        lane.timer = setTimeout(() => this.pump(laneName), wait);
        lane.timer.unref();
        return;
      }
      lane.lastStart = now;
      this.run(lane, next);
    }
  }

  private rateWait(lane: Lane, now: number): number {
    const rate = lane.spec.rate;
    if (!rate) return 0;
    return lane.lastStart + rate.durationMs / rate.max - now;
  }

  /** The waiting job of the lane due first (earliest run time, then the order added). */
  private nextDue(lane: string): Entry | undefined {
    let best: Entry | undefined;
    for (const job of this.jobs.values()) {
      if (job.lane !== lane || job.state !== 'waiting') continue;
      if (!best || job.runAt < best.runAt) best = job;
    }
    return best;
  }

  private run(lane: Lane, job: Entry): void {
    const kind = this.kinds.get(job.name)!;
    job.state = 'active';
    job.attempt += 1;
    lane.running += 1;
    const done = (async () => {
      try {
        await kind.handler(job.payload, { id: job.id, name: job.name, attempt: job.attempt });
        this.finish(job, 'completed');
      } catch {
        if (job.attempt < kind.attempts && !this.closed) {
          job.state = 'waiting';
          job.runAt = this.now() + kind.backoffMs * 2 ** (job.attempt - 1);
          this.options.onOutcome?.(job.name, 'retried');
        } else {
          this.finish(job, 'failed');
        }
      } finally {
        lane.running -= 1;
      }
    })();
    this.running.add(done);
    void done.finally(() => {
      this.running.delete(done);
      this.pump(lane.spec.name);
    });
  }

  private finish(job: Entry, outcome: 'completed' | 'failed'): void {
    job.state = outcome;
    job.finishedAt = this.now();
    job.payload = {};
    this.options.onOutcome?.(job.name, outcome);
  }

  /** Forgets finished jobs past `keepFinishedMs`: their ids no longer dedupe. */
  private dropExpired(): void {
    // A scan of every job: once a minute is enough for ids kept a day.
    if (this.now() - this.droppedAt < 60_000) return;
    this.droppedAt = this.now();
    const cutoff = this.now() - (this.options.keepFinishedMs ?? 24 * 60 * 60 * 1000);
    for (const [id, job] of this.jobs) {
      if (job.finishedAt !== undefined && job.finishedAt < cutoff) this.jobs.delete(id);
    }
  }
}
