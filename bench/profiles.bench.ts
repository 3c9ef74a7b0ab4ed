/**
 * `npm run bench:profiles`: 10,000 persons in the embedded store (nedb under a fresh DATA_DIR),
 * then the bot alone (dist/src/main.js, in-process cache, no sandbox beside it) answering
 * signed `profile` and `card <code>` pushes over HTTP from 8 concurrent senders. Prints merges
 * per second while seeding, p50/p99 of each command (target p99 < 50 ms), the bot's peak and
 * settled RSS, and how many replies were wrong (must be 0: each is checked for the person's
 * own code, or for the target's shared email and nothing they keep private).
 *
 * The account has a console (the sandbox, started here only so the account is complete), but
 * every follower is already tied, so no push reaches it: the figures are the bot's own.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SandboxControl } from '../sandbox/control-client';
import { DEFAULT_PLATFORM } from '../src/config/account';
import { startSandbox } from '../sandbox/create-sandbox';
import { openIdOf, seedPersons, type SeededPerson, type SeedFigures } from './profiles/seed-persons';
import { freePort, peakRssMb, rssMb } from './support/proc';
import { signedQuery, textPushXml } from './support/signed-push';
import { percentile } from './support/stats';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2_000);
const CONCURRENCY = 8;
const ACCOUNT = { id: 'bench', originalId: 'gh_0123456789ab', token: 'benchtoken', mode: 'plain' } as const;
/** The console login of this run's sandbox account: not a secret, it exists only in this run. */
const SANDBOX_LOGIN = { username: 'bench', password: 'sandbox-only' };

interface Timed {
  ms: number[];
  wrong: number;
}

let msgId = 0;
async function ask(port: number, openId: string, content: string): Promise<{ ms: number; text: string }> {
  msgId += 1;
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/webhooks/${ACCOUNT.id}?${signedQuery(ACCOUNT.token)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: textPushXml({ to: ACCOUNT.originalId, from: openId, content, msgId: String(9_000_000_000 + msgId) }),
  });
  const text = await response.text();
  return { ms: performance.now() - started, text };
}

/** `total` requests from `CONCURRENCY` senders; `check` says whether a reply is right. */
async function run(total: number, make: (i: number) => { openId: string; content: string; check: (reply: string) => boolean }, port: number): Promise<Timed> {
  const result: Timed = { ms: [], wrong: 0 };
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < total) {
      const i = next++;
      const { openId, content, check } = make(i);
      const { ms, text } = await ask(port, openId, content);
      result.ms.push(ms);
      if (!check(text)) {
        result.wrong += 1;
        if (process.env.BENCH_DEBUG) console.error(text);
      }
    }
  }));
  return result;
}

async function waitHealthy(port: number): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the bot did not become ready');
}

async function main(): Promise<void> {
  // BENCH_REUSE=<dir> runs again on the store an earlier run seeded (printed at the end), skipping the seeding.
  const reuse = process.env.BENCH_REUSE;
  const dir = reuse ?? mkdtempSync(path.join(tmpdir(), 'lianluo-bench-profiles-'));
  const dataDir = path.join(dir, 'data');
  const seeded: SeedFigures = reuse
    ? { ...(JSON.parse(readFileSync(path.join(dir, 'persons.json'), 'utf8')) as SeedFigures), seedSeconds: 0 }
    : await seedPersons(dataDir, ACCOUNT.id, DEFAULT_PLATFORM, PERSONS);
  if (!reuse) writeFileSync(path.join(dir, 'persons.json'), JSON.stringify(seeded));
  const sandbox = await startSandbox({ knobs: { captchaAfterLogins: 1000 } });
  const port = await freePort();
  const accountsFile = path.join(dir, 'accounts.json');
  writeFileSync(accountsFile, JSON.stringify([{ ...ACCOUNT, console: { url: sandbox.url, ...SANDBOX_LOGIN } }]));
  await new SandboxControl(sandbox.url).addAccount({
    id: ACCOUNT.id, ...SANDBOX_LOGIN, token: ACCOUNT.token, webhookUrl: `http://127.0.0.1:${port}/webhooks/${ACCOUNT.id}`, originalId: ACCOUNT.originalId,
  });
  // BENCH_BOT_NODE_ARGS (e.g. `--cpu-prof`) go to the bot's node, to see where its time goes.
  const nodeArgs = process.env.BENCH_BOT_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], {
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, ACCOUNTS_FILE: accountsFile, SANDBOX: '0', LOG_LEVEL: 'warn', REDIS_URL: '', MONGODB_URI: '' },
    stdio: ['ignore', process.env.BENCH_BOT_STDOUT ? 'inherit' : 'ignore', 'inherit'],
  });
  try {
    await waitHealthy(port);
    const person = (i: number): SeededPerson => seeded.persons[(i * 7919) % seeded.persons.length]!;
    // Warm-up: the JIT and the first reads of the store, not measured.
    await run(200, (i) => ({ openId: person(i).openId, content: 'profile', check: () => true }), port);
    const profile = await run(REQUESTS, (i) => {
      const me = person(i);
      return { openId: me.openId, content: 'profile', check: (reply) => reply.includes(me.code) };
    }, port);
    const card = await run(REQUESTS, (i) => {
      const j = (i * 104_729 + 1) % seeded.persons.length;
      const target = seeded.persons[j]!;
      return {
        openId: person(i).openId,
        content: `card ${target.code.toLowerCase()}`,
        // The email is shared with everyone; the company is not shared at all.
        check: (reply) => reply.includes(`p${j}@example.com`) && !reply.includes('联络科技'),
      };
    }, port);
    const settled = rssMb(child.pid!);
    const table = [
      { command: 'profile', requests: profile.ms.length, p50Ms: round(percentile(profile.ms, 50)), p99Ms: round(percentile(profile.ms, 99)), wrong: profile.wrong },
      { command: 'card <code>', requests: card.ms.length, p50Ms: round(percentile(card.ms, 50)), p99Ms: round(percentile(card.ms, 99)), wrong: card.wrong },
    ];
    console.log(`profiles benchmark: ${PERSONS} persons in the embedded store (first follower ${openIdOf(0)}), ${CONCURRENCY} concurrent senders, bot alone`);
    console.log(reuse
      ? `seeding skipped (BENCH_REUSE=${dir}); when seeded: merges ${Math.round(seeded.mergesPerSecond)}/s`
      : `seeding: ${seeded.seedSeconds.toFixed(1)} s, merges ${Math.round(seeded.mergesPerSecond)}/s (console packet and two chat sets per person); store kept in ${dir}`);
    console.table(table);
    console.log(`bot RSS: peak ${Math.round(peakRssMb(child.pid!))} MiB, after the runs ${Math.round(settled)} MiB`);
    const ok = table.every((row) => row.p99Ms < 50 && row.wrong === 0);
    console.log(ok ? 'targets met (p99 < 50 ms, 0 wrong replies)' : 'TARGETS MISSED');
    if (!ok) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await sandbox.close();
  }
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
