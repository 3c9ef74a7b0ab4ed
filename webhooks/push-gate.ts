import type { Logger } from 'pino';
import { OwnerLease } from './owner-lease';
import type { Push } from './push';
import { pushKey } from './push-key';
import type { PushReceiver, PushTarget, SeenStore } from './ports';
import type { Reply } from './reply';

/** How a push was answered, for logs and metrics. */
export type GateOutcome =
  | 'handled' // first copy, answered in time
  | 'late' // first copy, budget ran out: `success` now, the reply goes out as an active message
  | 'duplicate' // a retry of a push that was answered in time: the same bytes again
  | 'duplicate-reclaimed' // a retry of a late push: answered with the late reply, taken back from the outbox
  | 'duplicate-empty' // a retry that got nothing to say in its own budget: `success`
  | 'taken-over'; // a retry of a push whose process died while running it: run here

export interface GateResult {
  /** The rendered reply, byte for byte what every copy gets; null for `success`. */
  body: string | null;
  outcome: GateOutcome;
}

/** Turns a reply into the bytes sent back (XML, encrypted for an encrypted push). */
export type RenderReply = (reply: Reply) => string;

export interface PushGateOptions {
  /** Marks pushes as seen and shares their answers between processes. */
  seen: SeenStore;
  /** Where process leases live: the shared cache (default `seen`). */
  leases?: Pick<SeenStore, 'get' | 'set'>;
  receiver: PushReceiver;
  /** Time from receiving a push to answering it (the platform gives up at 5 s). */
  budgetMs: number;
  /** How long a push stays marked as seen: longer than the platform's retries and the replay window. */
  seenTtlMs: number;
  /** How often a copy waiting on another process's work looks at the cache. */
  pollMs?: number;
  /** How long a process's lease lasts unrenewed (see OwnerLease). */
  leaseMs?: number;
  /** How often a waiting copy checks that the running process still lives. */
  livenessCheckMs?: number;
  log?: Logger;
  now?: () => number;
}

type Settled = { s: 'done'; b: string | null } | { s: 'late' };
type State = Settled | { s: 'run'; o?: string };

/**
 * De-duplication and the reply deadline (docs/protocol.md §2.4).
 *
 * The first copy of a push marks it as running under this process's lease (`SET NX`) before
 * any work, runs the receiver and stores the rendered reply for the retries, so every copy
 * gets the same bytes. Copies that arrive while it runs wait for that reply inside their own
 * budget: in-process through the running promise, across processes by polling the cache.
 * A copy that finds the running process dead (its lease expired) takes the push over, once.
 * When the budget runs out the copy answers `success`; a first copy's work goes on and its
 * reply is handed to `deliverLate`. A retry that later finds the push late takes that reply
 * back (`reclaimLate`) so the follower gets it exactly once.
 */
export class PushGate {
  private readonly running = new Map<string, Promise<Settled>>();
  private readonly lease: OwnerLease;
  private readonly pollMs: number;
  private readonly livenessCheckMs: number;
  private readonly now: () => number;

  constructor(private readonly options: PushGateOptions) {
    this.pollMs = options.pollMs ?? 50;
    this.livenessCheckMs = options.livenessCheckMs ?? 500;
    this.now = options.now ?? Date.now;
    this.lease = new OwnerLease({ store: options.leases ?? options.seen, leaseMs: options.leaseMs, log: options.log, now: this.now });
  }

  /**
   * Answers one copy of a push received at `receivedAt` (ms, same clock as `now`).
   * Rejects only when the cache cannot be reached: without it nothing can be de-duplicated.
   */
  async process(push: Push, accountId: string, log: Logger, receivedAt: number, render: RenderReply): Promise<GateResult> {
    const target: PushTarget = { accountId, openId: push.fromUserName, pushKey: pushKey(accountId, push) };
    const deadline = receivedAt + this.options.budgetMs;
    // A copy of work running here waits for it, whatever the cache says (it may have lost the marker).
    if (this.running.has(target.pushKey)) return this.answerCopy(push, target, log, deadline, render);
    this.lease.retain();
    try {
      const marker = this.runningMarker(await this.lease.fresh());
      const first = await this.options.seen.setIfAbsent(target.pushKey, marker, this.options.seenTtlMs);
      if (first) return await this.runFirst(push, target, log, deadline, render, 'handled');
      return await this.answerCopy(push, target, log, deadline, render);
    } finally {
      this.lease.release();
    }
  }

  /** Resolves when every push's work has finished, late ones included (graceful shutdown). */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** The running state, naming this process only while its lease is known to be live. */
  private runningMarker(leased: boolean): string {
    return JSON.stringify(leased ? { s: 'run', o: this.lease.ownerId } : { s: 'run' });
  }

  private async runFirst(
    push: Push, target: PushTarget, log: Logger, deadline: number, render: RenderReply, outcome: 'handled' | 'taken-over',
  ): Promise<GateResult> {
    let handlerDone = false;
    let late = false;
    this.lease.retain(); // the work may outlive this copy's answer: keep the lease until it ends
    const work = (async (): Promise<Settled> => {
      try {
        const reply = await this.options.receiver.handle(push, target.accountId, log);
        handlerDone = true;
        const settled: Settled = late ? { s: 'late' } : { s: 'done', b: reply ? render(reply) : null };
        if (late && reply) await this.options.receiver.deliverLate(target, reply);
        await this.options.seen.set(target.pushKey, JSON.stringify(settled), this.options.seenTtlMs);
        return settled;
      } catch (error) {
        // Settled all the same, so no retry takes the push over and runs its side effects again.
        await this.options.seen.set(target.pushKey, JSON.stringify({ s: 'done', b: null }), this.options.seenTtlMs).catch(() => undefined);
        throw error;
      } finally {
        this.lease.release();
      }
    })();
    this.track(target.pushKey, work, log);

    const settled = await this.withDeadline(work, deadline, () => {
      if (handlerDone) return false;
      late = true;
      return true;
    });
    if (settled === null) return { body: null, outcome: 'late' };
    return { body: settled.s === 'done' ? settled.b : null, outcome };
  }

  private async answerCopy(push: Push, target: PushTarget, log: Logger, deadline: number, render: RenderReply): Promise<GateResult> {
    const local = this.running.get(target.pushKey);
    const settled = local ? await this.withDeadline(local, deadline, () => true) : await this.poll(target.pushKey, deadline);
    if (settled === 'taken-over') {
      log.warn({ pushKey: target.pushKey }, 'the process running this push died: running it here');
      return this.runFirst(push, target, log, deadline, render, 'taken-over');
    }
    if (settled === null) return { body: null, outcome: 'duplicate-empty' };
    if (settled.s === 'done') return { body: settled.b, outcome: 'duplicate' };
    const reclaimed = await this.options.receiver.reclaimLate(target);
    return { body: reclaimed ? render(reclaimed) : null, outcome: reclaimed ? 'duplicate-reclaimed' : 'duplicate-empty' };
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

  /**
   * Another process runs the push: read its state from the cache until it settles or time runs
   * out. Every `livenessCheckMs` the running process's lease is checked; when it has expired,
   * one copy (across all processes) wins the takeover and resolves `taken-over`.
   */
  private async poll(key: string, deadline: number): Promise<Settled | 'taken-over' | null> {
    let nextLivenessCheck = this.now();
    let goneSince: number | undefined; // when the owner's lease was first seen missing
    for (;;) {
      const raw = await this.options.seen.get(key);
      if (raw === null) return null; // expired: the retry window is long over
      const state = JSON.parse(raw) as State;
      if (state.s !== 'run') return state;
      if (state.o !== undefined && this.now() >= nextLivenessCheck) {
        nextLivenessCheck = this.now() + this.livenessCheckMs;
        // Missing twice, a third of a lease apart: a renewal that was merely late (the cache
        // just came back) is not a death.
        if (await this.lease.isAlive(state.o)) goneSince = undefined;
        else if (goneSince === undefined) goneSince = this.now();
        else if (this.now() - goneSince >= this.lease.leaseMs / 3 && (await this.takeOver(key, state.o))) return 'taken-over';
      }
      const left = deadline - this.now();
      if (left <= 0) return null;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.pollMs, left)));
    }
  }

  /** Claims a dead owner's push for this process; true for exactly one claimant. */
  private async takeOver(key: string, deadOwner: string): Promise<boolean> {
    const won = await this.options.seen.setIfAbsent(`takeover:${key}:${deadOwner}`, this.lease.ownerId, this.options.seenTtlMs);
    if (won) await this.options.seen.set(key, this.runningMarker(await this.lease.fresh()), this.options.seenTtlMs);
    return won;
  }

  private track(key: string, work: Promise<Settled>, log: Logger): void {
    this.running.set(key, work);
    const forget = () => {
      if (this.running.get(key) === work) this.running.delete(key);
    };
    work.then(
      forget,
      (error: unknown) => {
        forget();
        log.error({ err: error }, 'push work failed after it was marked as seen');
      },
    );
  }
}
