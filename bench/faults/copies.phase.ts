/**
 * Phase 2: each push sent as three copies over the two processes (A and B at once, the third a
 * little later on either, so copies are answered in different seconds). Every copy must get the
 * same bytes, and the push must run once: the bots' `handled` + `late` count must equal the
 * number of pushes.
 */
import { tally } from '../support/stats';
import type { Bot } from './cluster';
import { answerOf, call } from './http-call';
import { pool } from './load-loops';
import { pushOutcomes, outcomeDelta, type OutcomeCounts } from './push-metrics';
import { freshTextPush } from './pushes';
import { PLAIN } from './accounts';

export interface CopiesSummary {
  pushes: number;
  staggerMs: number;
  /** Pushes whose three bodies were not all the same bytes. */
  differing: number;
  /** …of which the bodies differ only in CreateTime. */
  differingOnlyInCreateTime: number;
  /** What the copies got (reply, success, status …, reset…). */
  copyAnswers: Record<string, number>;
  /** Outcomes the bots counted for the phase; all but `duplicate…` and refusals ran a push. */
  botOutcomes: OutcomeCounts;
  executions: number;
  /** Executions beyond one per push (0 when every push ran once). */
  extraExecutions: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const withoutCreateTime = (body: string): string => body.replace(/<CreateTime>\d+<\/CreateTime>/, '');

export async function runCopies([a, b]: [Bot, Bot], count: number, concurrency: number, staggerMs: number): Promise<CopiesSummary> {
  const before = await pushOutcomes([a, b], PLAIN.id);
  const results = await pool(count, concurrency, async (i) => {
    const push = freshTextPush('help');
    const send = (bot: Bot) => call({ port: bot.port, path: push.path, body: push.body });
    const third = async () => {
      await sleep(staggerMs);
      return send(i % 2 ? a : b);
    };
    return Promise.all([send(a), send(b), third()]);
  });
  await sleep(500);
  const botOutcomes = outcomeDelta(before, await pushOutcomes([a, b], PLAIN.id));
  let differing = 0;
  let onlyCreateTime = 0;
  for (const copies of results) {
    const bodies = new Set(copies.map((c) => `${c.status ?? c.failure}:${c.body}`));
    if (bodies.size === 1) continue;
    differing += 1;
    if (new Set(copies.map((c) => `${c.status ?? c.failure}:${withoutCreateTime(c.body)}`)).size === 1) onlyCreateTime += 1;
  }
  const executions = countExecutions(botOutcomes);
  return {
    pushes: count,
    staggerMs,
    differing,
    differingOnlyInCreateTime: onlyCreateTime,
    copyAnswers: tally(results.flat().map(answerOf)),
    botOutcomes,
    executions,
    extraExecutions: Math.max(0, executions - count),
  };
}

/**
 * Pushes that ran: every outcome but a copy's (`duplicate…`) or a refusal. Today `handled` and
 * `late`; counted this way so an outcome the gate adds later (a fallback) still counts.
 */
function countExecutions(outcomes: OutcomeCounts): number {
  return Object.entries(outcomes)
    .filter(([outcome]) => !outcome.startsWith('duplicate') && !['rejected', 'unavailable', 'invalid'].includes(outcome))
    .reduce((n, [, v]) => n + v, 0);
}

export function describeCopies(s: CopiesSummary): string {
  return [
    `copies: ${s.pushes} pushes × 3 copies (A+B at once, the third ${s.staggerMs} ms later) → not byte-identical ${s.differing}` +
      ` (${s.differingOnlyInCreateTime} only in CreateTime); executed ${s.executions} times for ${s.pushes} pushes (extra ${s.extraExecutions})`,
    `  copies got: ${Object.entries(s.copyAnswers).map(([k, v]) => `${k}×${v}`).join(' ')}`,
    `  bots counted: ${Object.entries(s.botOutcomes).map(([k, v]) => `${k}×${v}`).join(' ')}`,
  ].join('\n');
}
