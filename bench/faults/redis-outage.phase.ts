/**
 * Phase 3: steady `help` pushes to both processes while Redis is killed (SIGKILL) and, some
 * seconds later, started again on the same port. Reports the share answered with a real reply
 * before, during and after, and how long after Redis came back the first second in which every
 * push sent got a reply.
 */
import { tally } from '../support/stats';
import type { Bot, Cluster } from './cluster';
import { call } from './http-call';
import { pacedLoad, type Shot } from './load-loops';
import { freshTextPush } from './pushes';
import { createAgent } from './agents';

export interface OutageWindow {
  pushes: number;
  replied: number;
  share: number;
  answers: Record<string, number>;
}

export interface OutageSummary {
  ratePerSecond: number;
  killedAtS: number;
  /** Seconds from the kill until Redis answered again (restart included). */
  downSeconds: number;
  before: OutageWindow;
  during: OutageWindow;
  after: OutageWindow;
  /** Seconds from Redis answering again to the first push that starts a second in which every push got a reply; null if none. */
  recoverySeconds: number | null;
  /** Share replied per second of the load (by the second each push was sent in). */
  perSecond: number[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function window(shots: Shot[]): OutageWindow {
  const replied = shots.filter((s) => s.answer === 'reply').length;
  return { pushes: shots.length, replied, share: shots.length ? replied / shots.length : Number.NaN, answers: tally(shots.map((s) => s.answer)) };
}

export async function runRedisOutage(cluster: Cluster, bots: Bot[], rate: number, seconds: number, killAtS: number, downS: number): Promise<OutageSummary> {
  const agent = createAgent();
  let killedAt = Number.NaN;
  let backAt = Number.NaN;
  const started = performance.now();
  const outage = (async () => {
    await sleep(killAtS * 1000);
    killedAt = performance.now() - started;
    await cluster.killRedis();
    await sleep(downS * 1000);
    await cluster.startRedis();
    backAt = performance.now() - started;
  })();
  const shots = await pacedLoad(rate, seconds * 1000, (i) => {
    const push = freshTextPush('help');
    return call({ port: bots[i % bots.length]!.port, path: push.path, body: push.body, agent });
  });
  await outage;
  agent.destroy();
  const perSecond: number[] = [];
  for (let s = 0; s < seconds; s += 1) {
    const inSecond = shots.filter((shot) => shot.sentAtMs >= s * 1000 && shot.sentAtMs < (s + 1) * 1000);
    perSecond.push(inSecond.length ? inSecond.filter((shot) => shot.answer === 'reply').length / inSecond.length : Number.NaN);
  }
  const firstFull = firstFullSecond(shots, backAt);
  return {
    ratePerSecond: rate,
    killedAtS: killedAt / 1000,
    downSeconds: (backAt - killedAt) / 1000,
    before: window(shots.filter((s) => s.sentAtMs < killedAt)),
    during: window(shots.filter((s) => s.sentAtMs >= killedAt && s.sentAtMs < backAt)),
    after: window(shots.filter((s) => s.sentAtMs >= backAt)),
    recoverySeconds: firstFull === null ? null : (firstFull - backAt) / 1000,
    perSecond,
  };
}

/** When the first push after `fromMs` was sent such that it and every push of the next second got a reply. */
function firstFullSecond(shots: Shot[], fromMs: number): number | null {
  const after = shots.filter((s) => s.sentAtMs >= fromMs).sort((x, y) => x.sentAtMs - y.sentAtMs);
  const last = after.at(-1)?.sentAtMs ?? 0;
  for (const [j, start] of after.entries()) {
    if (start.sentAtMs + 1000 > last) break; // no whole second left to judge
    let k = j;
    while (k < after.length && after[k]!.sentAtMs < start.sentAtMs + 1000 && after[k]!.answer === 'reply') k += 1;
    if (k === after.length || after[k]!.sentAtMs >= start.sentAtMs + 1000) return start.sentAtMs;
  }
  return null;
}

const pct = (share: number): string => (Number.isNaN(share) ? '–' : `${(share * 100).toFixed(1)}%`);
const answers = (w: OutageWindow): string => Object.entries(w.answers).map(([k, v]) => `${k}×${v}`).join(' ');

export function describeOutage(s: OutageSummary): string {
  return [
    `redis outage: ${s.ratePerSecond} pushes/s, Redis killed at ${s.killedAtS.toFixed(1)} s for ${s.downSeconds.toFixed(1)} s →` +
      ` replied before ${pct(s.before.share)}, during ${pct(s.during.share)}, after ${pct(s.after.share)};` +
      ` first 100% second ${s.recoverySeconds === null ? 'never' : `${s.recoverySeconds.toFixed(1)} s`} after Redis was back`,
    `  before: ${answers(s.before)}`,
    `  during: ${answers(s.during)}`,
    `  after:  ${answers(s.after)}`,
    `  per second: ${s.perSecond.map((share) => (Number.isNaN(share) ? '–' : String(Math.round(share * 100)))).join(' ')}`,
  ].join('\n');
}
