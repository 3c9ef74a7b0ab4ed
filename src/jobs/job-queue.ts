/**
 * Work that must survive a crash or reach many people (a status to every contact, an active
 * message, a scheduled purge) runs as a job. One interface, two backends: BullMQ on the
 * deployment's Redis (durable, shared by every process) and an in-process one for the demo and
 * single-process use. Both pass the same contract suite (test/jobs/).
 *
 * Handlers must be idempotent: a job whose process dies mid-run is run again (by it after a
 * restart, or by another process), so a handler checks what it already did (a job id per
 * recipient, a marker per delivery) before doing it again.
 */
export interface JobQueue {
  /**
   * Registers what runs the jobs named `name`, before `start()`. Lanes are queues of their own:
   * one per account for sends, each with its own rate across every process.
   * @throws Error when `name` is already defined
   */
  define<P extends object>(name: string, handler: JobHandler<P>, options?: JobKindOptions): void;
  /**
   * Queues one job. With `jobId`, a job with that id that is waiting, running or recently
   * finished is not queued again (idempotent adds); without, every add is a new job.
   * @throws Error when `name` is not defined, or the backend is unreachable
   */
  add<P extends object>(name: string, payload: P, options?: AddJobOptions): Promise<void>;
  /** Starts running jobs (workers); adds before this wait. */
  start(): Promise<void>;
  /** Stops taking jobs, waits for running ones, and closes connections. */
  close(): Promise<void>;
  /** How many jobs wait, run, are delayed or failed for good, per lane (`/metrics`). */
  counts(): Promise<LaneCounts[]>;
}

/** Runs one job. Throwing fails this attempt: it is retried with backoff until `attempts` are used. */
export type JobHandler<P> = (payload: P, job: RunningJob) => Promise<void>;

export interface RunningJob {
  id: string;
  name: string;
  /** 1 on the first attempt. */
  attempt: number;
}

export interface JobKindOptions {
  /** Tries before the job is failed for good (default 5). */
  attempts?: number;
  /** First retry delay; doubled each time (default 1000 ms). */
  backoffMs?: number;
  /** Lanes the job may be added to (default: the one lane `default`). */
  lanes?: readonly LaneSpec[];
}

export interface LaneSpec {
  name: string;
  /** At most `max` jobs started per `durationMs` in this lane, across every process. */
  rate?: { max: number; durationMs: number };
  /** Jobs of this lane run at once per process (default 1). */
  concurrency?: number;
}

export interface AddJobOptions {
  /** Idempotency key (see `add`); `:` and other characters are allowed. */
  jobId?: string;
  /** Runs no earlier than this many milliseconds from now. */
  delayMs?: number;
  /** One of the kind's lanes (default: its first). */
  lane?: string;
}

export interface LaneCounts {
  lane: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}
