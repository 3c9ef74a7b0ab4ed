/**
 * `npm run bench:webhook`: autocannon against the bot (Redis cache when REDIS_URL is set, else
 * the in-process one) and against a bare Express + xml2js handler, with signed `help` text
 * pushes from many followers, each push with its own MsgId. Prints requests/s, p50/p99
 * latency and peak RSS of both servers and the bot/bare throughput ratio (target ≥ 0.8).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { cpuUs, freePort, peakRssMb } from './support/proc';
import { signedQuery, textPushXml } from './support/signed-push';
import { median } from './support/stats';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
/** Bare and bot alternate this many times; medians are reported, so one noisy run cannot decide. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const FOLLOWERS = 1000;
const TOKEN = 'demo';
const ORIGINAL_ID = 'gh_000000000000';

interface Result {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  peakRssMb: number;
  /** Server CPU time (user + system) per request, in microseconds. */
  cpuUsPerReq: number;
  non2xx: number;
  errors: number;
}

async function start(script: string, env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/healthz`);
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill();
  throw new Error(`${script} did not start`);
}

async function load(name: string, port: number, child: ChildProcess, runId: string, seconds: number): Promise<Result> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  let n = 0;
  const body = (): string => {
    n += 1;
    const openId = `oBench${runId}${String(n % FOLLOWERS).padStart(16, '0')}`.slice(0, 28);
    return textPushXml({ to: ORIGINAL_ID, from: openId, content: 'help', msgId: `${runId}${String(n).padStart(12, '0')}`, createTime: timestamp });
  };
  const cpuBefore = cpuUs(child.pid!);
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/webhooks/demo?${signedQuery(TOKEN, timestamp, '1234567')}`,
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    connections: CONNECTIONS,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, body: body() }) }],
  });
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    peakRssMb: peakRssMb(child.pid!),
    cpuUsPerReq: (cpuUs(child.pid!) - cpuBefore) / Math.max(1, result.requests.total),
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function summarise(name: string, runs: Result[]): Result {
  return {
    name,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)),
    cpuUsPerReq: median(runs.map((r) => r.cpuUsPerReq)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

async function main(): Promise<void> {
  const root = path.join(__dirname, '..', '..');
  const servers: Array<[string, string, NodeJS.ProcessEnv]> = [
    ['bare express + xml2js', path.join(root, 'dist/bench/bare-server.js'), { TOKEN }],
    [
      `lianluo (${process.env.REDIS_URL ? 'redis' : 'in-process'} cache)`,
      path.join(root, 'dist/src/main.js'),
      // SANDBOX=0: the demo account alone, without the demo's sandbox and console (bench:identity measures those).
      { DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lianluo-bench-')), LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', ACCOUNTS_FILE: '', SANDBOX: '0' },
    ],
  ];
  const runs: Result[][] = servers.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, [name, script, env]] of servers.entries()) {
      const port = await freePort();
      const child = await start(script, env, port);
      try {
        await load(`${name} (warm-up)`, port, child, `${index}${round}9`, 3); // JIT and connection pools warm
        const result = await load(name, port, child, `${index}${round}1${Date.now() % 100000}`, DURATION_S);
        runs[index]!.push(result);
        process.stdout.write(`round ${round + 1}/${ROUNDS} ${name}: ${Math.round(result.rps)} req/s\n`);
      } finally {
        child.kill('SIGTERM');
      }
    }
  }
  const results = servers.map(([name], index) => summarise(name, runs[index]!));
  const [bare, bot] = results as [Result, Result];
  process.stdout.write(
    `\nwebhook benchmark: ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION_S} s (medians), ` +
      `${FOLLOWERS} followers, signed "help" pushes\n`,
  );
  console.table(
    results.map((r) => ({
      server: r.name,
      'req/s': Math.round(r.rps),
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'CPU µs/req': Math.round(r.cpuUsPerReq),
      'peak RSS MiB': Math.round(r.peakRssMb),
      'non-2xx': r.non2xx,
      errors: r.errors,
    })),
  );
  const ratio = bot.rps / bare.rps;
  process.stdout.write(`throughput ratio lianluo/bare: ${ratio.toFixed(2)} (target ≥ 0.80)\n`);
  if (bot.non2xx > 0 || bot.errors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
