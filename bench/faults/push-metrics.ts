/**
 * The bots' own count of pushes by outcome (`lianluo_pushes_total` on /metrics): how the
 * benchmark sees how many times a push was executed (a first copy is `handled` or `late`).
 */
import type { Bot } from './cluster';

export type OutcomeCounts = Record<string, number>;

/** `lianluo_pushes_total` of one account on one bot, summed by outcome; empty when the bot does not answer. */
async function outcomesOf(bot: Bot, account: string): Promise<OutcomeCounts> {
  const counts: OutcomeCounts = {};
  try {
    const text = await (await fetch(`http://127.0.0.1:${bot.port}/metrics`, { signal: AbortSignal.timeout(3000) })).text();
    for (const match of text.matchAll(/^lianluo_pushes_total\{([^}]*)\} (\S+)$/gm)) {
      if (!match[1]!.includes(`account="${account}"`)) continue;
      const outcome = /outcome="([^"]*)"/.exec(match[1]!)?.[1] ?? '?';
      counts[outcome] = (counts[outcome] ?? 0) + Number(match[2]);
    }
  } catch {
    // a bot that does not answer counts nothing
  }
  return counts;
}

/** The outcome counts of `account` summed over `bots`. */
export async function pushOutcomes(bots: Bot[], account: string): Promise<OutcomeCounts> {
  const total: OutcomeCounts = {};
  for (const counts of await Promise.all(bots.map((b) => outcomesOf(b, account)))) {
    for (const [k, v] of Object.entries(counts)) total[k] = (total[k] ?? 0) + v;
  }
  return total;
}

/** `after - before`, per outcome, leaving out zeros. */
export function outcomeDelta(before: OutcomeCounts, after: OutcomeCounts): OutcomeCounts {
  return Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (before[k] ?? 0)]).filter(([, v]) => v !== 0));
}
