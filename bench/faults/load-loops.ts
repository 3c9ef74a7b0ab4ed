/** How the phases send load: at a fixed rate (an open loop), or a batch with a bounded number in flight. */
import { answerOf, type Answer, type CallResult } from './http-call';

/** One request of a load: when it was sent (ms from the start of the load) and what came back. */
export interface Shot {
  sentAtMs: number;
  result: CallResult;
  answer: Answer;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `send(i)` `ratePerSecond` times a second for `durationMs`, without waiting for answers
 * (an open loop, like the platform: a slow bot does not slow the followers down).
 * Resolves when every request has been answered or has failed.
 */
export async function pacedLoad(ratePerSecond: number, durationMs: number, send: (i: number) => Promise<CallResult>): Promise<Shot[]> {
  const started = performance.now();
  const pending: Array<Promise<Shot>> = [];
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  for (let i = 0; i < total; i += 1) {
    const due = (i * 1000) / ratePerSecond;
    const wait = due - (performance.now() - started);
    if (wait > 0) await sleep(wait);
    const sentAtMs = performance.now() - started;
    pending.push(send(i).then((result) => ({ sentAtMs, result, answer: answerOf(result) })));
  }
  return Promise.all(pending);
}

/** Runs `task(i)` for i < count with at most `concurrency` at once; results in order. */
export async function pool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next;
      next += 1;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
