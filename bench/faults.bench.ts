/**
 * `npm run bench:faults`: faults and hostile input against two bot processes (from the build)
 * sharing a Redis of the benchmark's own (port 6391, never the machine's). Phases:
 *  1. fuzz: hostile requests (malformed XML, bombs, deep nesting, huge bodies, bad signatures,
 *     undecodable paths, unknown accounts, bad AES envelopes, wrong methods): 5xx and reset
 *     connections must be 0;
 *  2. copies: pushes sent three times over both processes: same bytes, one execution each;
 *  3. Redis killed for 10 s under steady load: share replied before, during, after;
 *  4. A killed with SIGKILL mid-load and restarted: pushes in flight answered on the platform's retries;
 *  5. slow clients trickling bodies beside normal pushes: sockets cut off, latency, fds, RSS;
 *  6. RSS of each process before, at peak and after an idle wait.
 * Prints a figure line per phase and a JSON summary. Exits 1 only when the fuzz saw a 5xx or a
 * reset, or when the harness itself fails: the other phases report, they do not judge.
 * FAULTS_QUICK=1 runs every phase for a few seconds; see faults/settings.ts for the rest.
 */
import type { Bot } from './faults/cluster';
import { Cluster } from './faults/cluster';
import { describeCopies, runCopies } from './faults/copies.phase';
import { describeCrash, runCrash } from './faults/crash.phase';
import { describeFuzz, runFuzz } from './faults/fuzz.phase';
import { describeMemory, MemoryWatch } from './faults/memory-watch';
import { describeOutage, runRedisOutage } from './faults/redis-outage.phase';
import { settings } from './faults/settings';
import { describeSlow, runSlowClients } from './faults/slow-clients.phase';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (text: string): void => void process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  const s = settings;
  const cluster = new Cluster(s.redisPort);
  try {
    await cluster.startRedis();
    const a = await cluster.startBot('A');
    const b = await cluster.startBot('B');
    const bots: [Bot, Bot] = [a, b];
    say(`faults benchmark${s.quick ? ' (quick)' : ''}: bots A :${a.port} and B :${b.port}, Redis :${s.redisPort}, accounts acme (plain) and secure (safe)\n`);
    const memory = new MemoryWatch(bots);
    const summary: Record<string, unknown> = { quick: s.quick };

    memory.enter('fuzz');
    const fuzz = await runFuzz(bots, s.fuzzRequests, s.fuzzConcurrency);
    summary.fuzz = fuzz;
    say(`${describeFuzz(fuzz)}\n`);

    memory.enter('copies');
    const copies = await runCopies(bots, s.copies, s.copiesConcurrency, s.copyStaggerMs);
    summary.copies = copies;
    say(`${describeCopies(copies)}\n`);

    memory.enter('redis outage');
    const outage = await runRedisOutage(cluster, bots, s.outageRate, s.outageSeconds, s.outageKillAt, s.outageDownSeconds);
    summary.redisOutage = outage;
    say(`${describeOutage(outage)}\n`);

    memory.enter('crash');
    const crash = await runCrash(cluster, bots, { concurrency: s.crashConcurrency, killAtS: s.crashKillAt, retries: s.retries, retryGapMs: s.retryGapMs });
    summary.crash = crash;
    say(`${describeCrash(crash)}\n`);

    memory.enter('slow clients');
    const slow = await runSlowClients(b, s.slowClients, s.slowSeconds, s.slowNormalRate);
    summary.slowClients = slow;
    say(`${describeSlow(slow)}\n`);

    memory.enter('idle');
    await sleep(s.idleSeconds * 1000);
    const mem = memory.finish(s.idleSeconds);
    summary.memory = mem;
    say(`${describeMemory(mem)}\n`);

    say(`summary: ${JSON.stringify(summary, null, 2)}`);
    if (fuzz.fiveXx > 0 || fuzz.resets > 0) {
      say(`FAIL: the fuzz got ${fuzz.fiveXx} 5xx and ${fuzz.resets} reset connections (must be 0)`);
      process.exitCode = 1;
    }
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`faults benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
