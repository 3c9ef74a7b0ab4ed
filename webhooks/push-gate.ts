import type { Logger } from 'pino';
import type { Push } from './push';
import { pushKey } from './push-key';
import type { PushReceiver, PushTarget, SeenStore } from './ports';
import type { Reply } from './reply';

/** How a push was answered, for logs and metrics. */
export type GateOutcome =
  | 'handled' // first copy, answered in time
  | 'late' // first copy, budget ran out: `success` now, the reply goes out as an active message
  | 'duplicate' // a retry of a push that was answered in time: the same reply again
  | 'duplicate-reclaimed' // a retry of a late push: answered with the late reply, taken back from the outbox
  | 'duplicate-empty'; // a retry that got nothing to say in its own budget: `success`

export interface GateResult {
  reply: Reply | null;
  outcome: GateOutcome;
}

export interface PushGateOptions {
  seen: SeenStore;
  receiver: PushReceiver;
  /** Time from receiving a push to answering it (the platform gives up at 5 s). */
  budgetMs: number;
  /** How long a push stays marked as seen: longer than the platform's retry window. */
  seenTtlMs: number;
  /** How often a copy waiting on another process's work looks at the cache. */
  pollMs?: number;
  now?: () => number;
}

type Settled = { s: 'done'; r: Reply | null } | { s: 'late' };
const RUNNING = JSON.stringify({ s: 'run' });

/**
 * De-duplication and the reply deadline (platform.md 2.4).
 *
 * The first copy of a push marks it as seen (`SET NX`) before any work, runs the receiver and
 * stores its reply in the cache for the retries. Copies that arrive while it runs wait for that
 * reply, inside their own budget: in-process through the running promise, across processes by
 * polling the cache. When the budget runs out the copy answers `success`; a first copy's work
 * goes on and its reply is handed to `deliverLate`. A retry that later finds the push late
 * takes that reply back (`reclaimLate`) so the follower gets it exactly once.
 */
export class PushGate {
  private readonly running = new Map<string, Promise<Settled>>();
  private readonly pollMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PushGateOptions) {
    this.pollMs = options.pollMs ?? 50;
    this.now = options.now ?? Date.now;
  }

  /**
   * Answers one copy of a push received at `receivedAt` (ms, same clock as `now`).
   * Rejects only when the cache cannot be reached: without it nothing can be de-duplicated.
   */
  async process(push: Push, accountId: string, log: Logger, receivedAt: number): Promise<GateResult> {
    const target: PushTarget = { accountId, openId: push.fromUserName, pushKey: pushKey(accountId, push) };
    const deadline = receivedAt + this.options.budgetMs;
    const first = await this.options.seen.setIfAbsent(target.pushKey, RUNNING, this.options.seenTtlMs);
    return first ? this.runFirst(push, target, log, deadline) : this.answerCopy(target, deadline);
  }

  /** Resolves when every push's work has finished, late ones included (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  private async runFirst(push: Push, target: PushTarget, log: Logger, deadline: number): Promise<GateResult> {
    let handlerDone = false;
    let late = false;
    const work = (async (): Promise<Settled> => {
      const reply = await this.options.receiver.handle(push, target.accountId, log);
      handlerDone = true;
      const settled: Settled = late ? { s: 'late' } : { s: 'done', r: reply };
      if (late && reply) await this.options.receiver.deliverLate(target, reply);
      await this.options.seen.set(target.pushKey, JSON.stringify(settled), this.options.seenTtlMs);
      return settled;
    })();
    this.track(target.pushKey, work, log);

    const settled = await this.withDeadline(work, deadline, () => {
      if (handlerDone) return false;
      late = true;
      return true;
    });
    if (settled === null) return { reply: null, outcome: 'late' };
    return { reply: settled.s === 'done' ? settled.r : null, outcome: 'handled' };
  }

  private async answerCopy(target: PushTarget, deadline: number): Promise<GateResult> {
    const local = this.running.get(target.pushKey);
    const settled = local ? await this.withDeadline(local, deadline, () => true) : await this.poll(target.pushKey, deadline);
    if (settled === null) return { reply: null, outcome: 'duplicate-empty' };
    if (settled.s === 'done') return { reply: settled.r, outcome: 'duplicate' };
    const reclaimed = await this.options.receiver.reclaimLate(target);
    return { reply: reclaimed, outcome: reclaimed ? 'duplicate-reclaimed' : 'duplicate-empty' };
  }

  /** Waits for `work` until `deadline`; at the deadline `expire()` decides whether to stop waiting. */
  private withDeadline(work: Promise<Settled>, deadline: number, expire: () => boolean): Promise<Settled | null> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        if (expire()) resolve(null);
      }, Math.max(0, deadline - this.now()));
      work.then(
        (settled) => {
          clearTimeout(timer);
          resolve(settled);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** Another process runs the push: read its state from the cache until it settles or time runs out. */
  private async poll(key: string, deadline: number): Promise<Settled | null> {
    for (;;) {
      const raw = await this.options.seen.get(key);
      if (raw === null) return null; // expired: the retry window is long over
      const state = JSON.parse(raw) as Settled | { s: 'run' };
      if (state.s !== 'run') return state;
      const left = deadline - this.now();
      if (left <= 0) return null;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, left)));
    }
  }

  private track(key: string, work: Promise<Settled>, log: Logger): void {
    this.running.set(key, work);
    work.then(
      () => this.running.delete(key),
      (error: unknown) => {
        this.running.delete(key);
        log.error({ err: error }, 'push work failed after it was marked as seen');
      },
    );
  }
}
