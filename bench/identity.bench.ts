/**
 * `npm run bench:identity`: identity resolution against the sandbox platform with 100 ms
 * console latency and -1..+3 s clock skew. Two bursts of new followers:
 *  1. 50 followers (followed silently) each write a text, spread over 2 seconds: time match;
 *  2. 20 followers follow (subscribe events), spread over 2 seconds: beacon walk.
 * Prints, per burst: console requests per resolved follower (login and profile fetch
 * included), p50/p99 from push to identity stored, wrong ties, unresolved after 60 s, and
 * pushes answered past the deadline (the sandbox retried, or waited 5 s or more).
 * Targets: ≤ 1.2 requests per follower for the message burst, 0 wrong ties, 0 late answers.
 */
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { SandboxControl, type PushResult } from '../sandbox/control-client';
import { startSandbox } from '../sandbox/create-sandbox';
import { composeLianluo } from '../src/compose';
import type { ResolvedEvent } from '../src/identity/identity-resolver';
import { MemoryCache } from '../src/stores/memory-cache';
import { NedbDocumentStore } from '../src/stores/nedb-document-store';

const LATENCY_MS = Number(process.env.BENCH_CONSOLE_LATENCY_MS ?? 100);
const MESSAGE_BURST = 50;
const SUBSCRIBE_BURST = 20;
const SPREAD_MS = 2000;
const GIVE_UP_MS = 60_000;
const TOKEN = 'benchtoken';
const ORIGINAL_ID = 'gh_0123456789ab';
/** The console login of the sandbox's made-up account: not a secret, it exists only in this run's sandbox. */
const SANDBOX_LOGIN = { username: 'bench', password: 'sandbox-only' };

interface BurstFigures {
  burst: string;
  followers: number;
  consoleRequests: number;
  perFollower: number;
  p50Ms: number;
  p99Ms: number;
  wrongTies: number;
  unresolved: number;
  late: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const sandbox = await startSandbox({
    knobs: { latencyMs: LATENCY_MS, skew: { min: -1, max: 3 }, seed: 42, captchaAfterLogins: 1000 },
  });
  const control = new SandboxControl(sandbox.url);
  const resolved = new Map<string, ResolvedEvent>();
  const cache = new MemoryCache();
  const documents = new NedbDocumentStore(mkdtempSync(path.join(tmpdir(), 'lianluo-bench-identity-')));
  const lianluo = composeLianluo({
    config: { replyBudgetMs: 4500 },
    accounts: [{ id: 'acme', originalId: ORIGINAL_ID, token: TOKEN, mode: 'plain', console: { url: sandbox.url, ...SANDBOX_LOGIN } }],
    stores: { cache, documents, backends: { cache: 'memory', documents: 'nedb' }, close: async () => { await cache.close(); await documents.close(); } },
    logger: pino({ level: 'silent' }),
    identity: { onResolved: (event) => resolved.set(event.openId, event) },
  });
  const server = createServer(lianluo.app).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await control.addAccount({ id: 'acme', ...SANDBOX_LOGIN, token: TOKEN, webhookUrl: `${botUrl}/webhooks/acme`, originalId: ORIGINAL_ID });

  const addPeople = (n: number, from: number) =>
    Promise.all(Array.from({ length: n }, (_, i) => control.addPerson({ nickName: `P${from + i}`, city: '广州', gender: 1 }).then((p) => p.fakeId)));

  async function burst(name: string, fakeIds: string[], act: (fakeId: string, i: number) => Promise<{ openId: string; push?: PushResult }>): Promise<BurstFigures> {
    await control.clearRequests();
    const results = await Promise.all(
      fakeIds.map(async (fakeId, i) => {
        await sleep((i * SPREAD_MS) / fakeIds.length);
        return act(fakeId, i);
      }),
    );
    const openIds = results.map((r) => r.openId);
    const deadline = Date.now() + GIVE_UP_MS;
    // Done when every follower is tied and their profile stored (the profile fetch is counted too).
    const profiled = async () => (await Promise.all(openIds.map((o) => lianluo.identity.known('acme', o)))).every((k) => k?.profile !== undefined);
    while (Date.now() < deadline && !(await profiled())) await sleep(100);
    const truth = new Map((await control.follows('acme')).map((f) => [f.openId, f.fakeId]));
    const tied = await Promise.all(openIds.map((o) => lianluo.identity.known('acme', o)));
    // Every request, whichever account the sandbox could attribute it to (this run has one).
    const log = await control.requests();
    const consoleRequests = log.length;
    const byAction = new Map<string, number>();
    for (const r of log) byAction.set(r.action, (byAction.get(r.action) ?? 0) + 1);
    console.log(`${name}: console requests by action: ${[...byAction].map(([a, n]) => `${a} ${n}`).join(', ')}`);
    const done = openIds.filter((o) => resolved.has(o));
    const times = done.map((o) => resolved.get(o)!.ms);
    return {
      burst: name,
      followers: fakeIds.length,
      consoleRequests,
      perFollower: consoleRequests / Math.max(1, done.length),
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      wrongTies: tied.filter((t, i) => t !== null && t.fakeId !== truth.get(openIds[i]!)).length,
      unresolved: openIds.length - done.length,
      late: results.filter((r) => r.push !== undefined && (r.push.attempts > 1 || r.push.elapsedMs >= 5000)).length,
    };
  }

  const writers = await addPeople(MESSAGE_BURST, 0);
  const silent = await Promise.all(writers.map((fakeId) => control.follow({ account: 'acme', fakeId, push: false })));
  const messages = await burst('50 new followers write (time match)', writers, async (fakeId, i) => {
    const push = await control.send({ account: 'acme', fakeId, type: 'text', content: `你好，我是第 ${i} 位 / hello from ${i}` });
    return { openId: silent[i]!.openId, push };
  });
  const subscribers = await addPeople(SUBSCRIBE_BURST, 100);
  const follows = await burst('20 new followers follow (beacon walk)', subscribers, (fakeId) => control.follow({ account: 'acme', fakeId }));

  console.log(`identity benchmark: console latency ${LATENCY_MS} ms, skew -1..+3 s, bursts spread over ${SPREAD_MS} ms`);
  console.table([messages, follows].map((f) => ({ ...f, perFollower: Number(f.perFollower.toFixed(2)) })));
  const ok = messages.perFollower <= 1.2 && messages.wrongTies + follows.wrongTies === 0 && messages.late + follows.late === 0;
  console.log(ok ? 'targets met (≤ 1.2 requests per follower for the message burst, 0 wrong ties, 0 late answers)' : 'TARGETS MISSED');

  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  await lianluo.close();
  await sandbox.close();
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
