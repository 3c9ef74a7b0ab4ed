/**
 * Phase 4: pushes kept in flight on process A, A killed with SIGKILL, A restarted on the same
 * port. Like the platform, a push that got no answer (reset, refused, or 5 s without a reply)
 * is sent again with the same body and query, up to three more times, 5 s apart, alternating
 * between A (once it is ready again) and B. A push in flight at the kill must still get its
 * reply on a retry.
 */
import { tally } from '../support/stats';
import type { Bot, Cluster } from './cluster';
import { createAgent } from './agents';
import { answerOf, call, type Answer, type CallResult } from './http-call';
import { freshTextPush, type SignedRequest } from './pushes';

export interface CrashSummary {
  concurrency: number;
  pushesBeforeKill: number;
  /** First tries that had been sent and not yet answered when A was killed. */
  inFlightAtKill: number;
  /** …of which got an answer on the first try anyway (written just before the kill). */
  answeredFirstTry: number;
  /** …of which got a real reply on a retry, and on which retry. */
  repliedOnRetry: number;
  replyOnRetryN: Record<string, number>;
  /** The last answer of each in-flight push (reply, success, status …, reset, timeout…). */
  finalAnswers: Record<string, number>;
  /** From SIGKILL to /readyz of the new A. */
  restartSeconds: number;
}

interface Tracked {
  request: SignedRequest;
  sentAtMs: number;
  doneAtMs: number;
  tries: Array<{ bot: string; answer: Answer }>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const noAnswer = (r: CallResult): boolean => r.failure !== undefined;

export async function runCrash(
  cluster: Cluster,
  [a, b]: [Bot, Bot],
  opts: { concurrency: number; killAtS: number; retries: number; retryGapMs: number },
): Promise<CrashSummary> {
  const agent = createAgent();
  const started = performance.now();
  const now = () => performance.now() - started;
  const tracked: Tracked[] = [];
  const retryChains: Array<Promise<void>> = [];
  let killed = false;
  let aReady = true;

  /** The platform's retries for one push: 5 s after the previous try, same bytes, A and B in turn. */
  const retry = async (t: Tracked): Promise<void> => {
    let lastSent = t.sentAtMs;
    for (let k = 1; k <= opts.retries; k += 1) {
      await sleep(Math.max(0, lastSent + opts.retryGapMs - now()));
      const bot = k % 2 === 1 && aReady ? a : b;
      lastSent = now();
      const result = await call({ port: bot.port, path: t.request.path, body: t.request.body, agent });
      t.tries.push({ bot: bot.name, answer: answerOf(result) });
      if (!noAnswer(result)) return;
    }
  };

  const worker = async (): Promise<void> => {
    while (!killed) {
      const t: Tracked = { request: freshTextPush('help'), sentAtMs: now(), doneAtMs: Number.NaN, tries: [] };
      tracked.push(t);
      const result = await call({ port: a.port, path: t.request.path, body: t.request.body, agent });
      t.doneAtMs = now();
      t.tries.push({ bot: a.name, answer: answerOf(result) });
      if (noAnswer(result)) retryChains.push(retry(t));
    }
  };

  const workers = Array.from({ length: opts.concurrency }, worker);
  await sleep(opts.killAtS * 1000);
  killed = true; // no new first tries; those in flight end with the kill (reset) or just before
  aReady = false;
  const killedAt = now();
  await cluster.killBot(a);
  const restart = cluster.startBot(a.name).then(() => {
    aReady = true;
    return now();
  });
  await Promise.all(workers);
  const readyAt = await restart;
  // Chains may be pushed while the workers finish; wait until none is added.
  for (let n = 0; n !== retryChains.length; ) {
    n = retryChains.length;
    await Promise.all(retryChains);
  }
  agent.destroy();

  const inFlight = tracked.filter((t) => t.sentAtMs < killedAt && !(t.doneAtMs < killedAt));
  const retried = inFlight.filter((t) => t.tries.length > 1);
  const replied = retried.filter((t) => t.tries.at(-1)!.answer === 'reply');
  return {
    concurrency: opts.concurrency,
    pushesBeforeKill: tracked.filter((t) => t.sentAtMs < killedAt).length,
    inFlightAtKill: inFlight.length,
    answeredFirstTry: inFlight.length - retried.length,
    repliedOnRetry: replied.length,
    replyOnRetryN: tally(replied.map((t) => `retry ${t.tries.length - 1} (${t.tries.at(-1)!.bot})`)),
    finalAnswers: tally(inFlight.map((t) => t.tries.at(-1)!.answer)),
    restartSeconds: (readyAt - killedAt) / 1000,
  };
}

export function describeCrash(s: CrashSummary): string {
  const retried = s.inFlightAtKill - s.answeredFirstTry;
  return [
    `crash: ${s.concurrency} pushes kept in flight on A, A killed after ${s.pushesBeforeKill} pushes, ready again ${s.restartSeconds.toFixed(1)} s later →` +
      ` in flight at the kill ${s.inFlightAtKill}, retried ${retried}, real reply on a retry ${s.repliedOnRetry}/${retried}`,
    `  final answers of the in-flight pushes: ${Object.entries(s.finalAnswers).map(([k, v]) => `${k}×${v}`).join(' ')}`,
    `  replies by retry: ${Object.entries(s.replyOnRetryN).map(([k, v]) => `${k}×${v}`).join(' ') || 'none'}`,
  ].join('\n');
}
