/** Phase 1: hostile requests across both processes. No 5xx and no reset connection is the bar. */
import { tally } from '../support/stats';
import type { Bot } from './cluster';
import { call } from './http-call';
import { hostileRequest } from './hostile-requests';
import { pool } from './load-loops';

export interface FuzzSummary {
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  byKind: Record<string, Record<string, number>>;
  fiveXx: number;
  resets: number;
  timeouts: number;
  /** Error-level log lines the bots printed during the phase (anyone could fill the error log). */
  errorLogLines: number;
}

/** Sends `count` hostile requests, alternating between the bots, `concurrency` at a time. */
export async function runFuzz(bots: Bot[], count: number, concurrency: number): Promise<FuzzSummary> {
  const started = performance.now();
  const errorsBefore = bots.reduce((n, b) => n + b.errorLines, 0);
  const outcomes = await pool(count, concurrency, async (i) => {
    const request = hostileRequest(i);
    const bot = bots[i % bots.length]!;
    const result = await call({ port: bot.port, method: request.method, path: request.path, body: request.body, headers: request.headers });
    const outcome = result.failure ? `${result.failure}${result.code ? ` ${result.code}` : ''}` : String(result.status);
    return { kind: request.kind, outcome };
  });
  const byKind: Record<string, Record<string, number>> = {};
  for (const kind of new Set(outcomes.map((o) => o.kind))) {
    byKind[kind] = tally(outcomes.filter((o) => o.kind === kind).map((o) => o.outcome));
  }
  await new Promise((resolve) => setTimeout(resolve, 200)); // the last log lines reach the pipe
  return {
    requests: count,
    seconds: (performance.now() - started) / 1000,
    statuses: tally(outcomes.map((o) => o.outcome)),
    byKind,
    fiveXx: outcomes.filter((o) => /^5\d\d$/.test(o.outcome)).length,
    resets: outcomes.filter((o) => o.outcome.startsWith('reset')).length,
    timeouts: outcomes.filter((o) => o.outcome === 'timeout').length,
    errorLogLines: bots.reduce((n, b) => n + b.errorLines, 0) - errorsBefore,
  };
}

/** The phase's figure lines. */
export function describeFuzz(s: FuzzSummary): string {
  const kinds = Object.entries(s.byKind).map(([kind, counts]) => `    ${kind.padEnd(32)} ${Object.entries(counts).map(([k, v]) => `${k}×${v}`).join(' ')}`);
  return [
    `fuzz: ${s.requests} hostile requests in ${s.seconds.toFixed(1)} s → 5xx ${s.fiveXx}, resets ${s.resets}, timeouts ${s.timeouts}` +
      ` (must be 0, 0); error-level log lines ${s.errorLogLines}`,
    `  statuses: ${Object.entries(s.statuses).map(([k, v]) => `${k}×${v}`).join(' ')}`,
    ...kinds,
  ].join('\n');
}
