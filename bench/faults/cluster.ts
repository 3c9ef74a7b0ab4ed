/**
 * The processes under test: a Redis of the benchmark's own (never the machine's, on 6379) and
 * two bot processes from the build sharing it. Every child and the temporary folder are
 * removed on exit, Ctrl-C and errors included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../support/proc';
import { writeAccountsFile } from './accounts';

const ROOT = path.join(__dirname, '..', '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One bot process: its fixed port (kept across restarts), the child, and what it printed. */
export interface Bot {
  name: string;
  port: number;
  child?: ChildProcess;
  /** Log lines at error level or above (pino levels 50, 60), over every life of the process. */
  errorLines: number;
  /** The last lines of stderr, for a failure message. */
  stderrTail: string;
}

/** Answers true when something on `port` replies +PONG to PING within a second. */
function redisPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => finish(data.toString().startsWith('+PONG')));
  });
}

export class Cluster {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'lianluo-faults-'));
  readonly accountsFile = writeAccountsFile(this.dir);
  readonly bots: Bot[] = [];
  private redis?: ChildProcess;
  private readonly children = new Set<ChildProcess>();

  constructor(readonly redisPort: number) {
    const cleanup = (): void => this.stopNow();
    process.on('exit', cleanup);
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.once(signal, () => {
        process.stderr.write(`\n${signal}: stopping the benchmark's processes\n`);
        cleanup();
        process.exit(130);
      });
    }
  }

  /** Starts redis-server on the benchmark's port; refuses if something already listens there. */
  async startRedis(): Promise<void> {
    if (await redisPing(this.redisPort)) throw new Error(`a Redis already answers on port ${this.redisPort}; stop it or set FAULTS_REDIS_PORT`);
    const child = spawn('redis-server', ['--port', String(this.redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    this.track(child);
    this.redis = child;
    for (let i = 0; i < 50; i += 1) {
      if (await redisPing(this.redisPort)) return;
      if (child.exitCode !== null) break;
      await sleep(100);
    }
    throw new Error(`redis-server did not start on port ${this.redisPort} (is it installed?)`);
  }

  /** Kills Redis with SIGKILL (an outage, not a shutdown) and waits until it is gone. */
  async killRedis(): Promise<void> {
    const child = this.redis;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = once(child, 'exit');
    child.kill('SIGKILL');
    await gone;
  }

  /** Starts bot `name` (A, B…) from the build, on its own port, and waits for /readyz. */
  async startBot(name: string): Promise<Bot> {
    let bot = this.bots.find((b) => b.name === name);
    if (!bot) {
      bot = { name, port: await freePort(), errorLines: 0, stderrTail: '' };
      this.bots.push(bot);
    }
    const dataDir = path.join(this.dir, `data-${name}`);
    mkdirSync(dataDir, { recursive: true });
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/src/main.js')], {
      env: {
        PATH: process.env.PATH,
        ACCOUNTS_FILE: this.accountsFile,
        REDIS_URL: `redis://127.0.0.1:${this.redisPort}`,
        SANDBOX: '0',
        PORT: String(bot.port),
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.track(child);
    bot.child = child;
    const target = bot;
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop()!;
      for (const line of lines) if (/"level":(50|60)/.test(line)) target.errorLines += 1;
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      target.stderrTail = (target.stderrTail + chunk.toString()).slice(-2000);
    });
    await this.waitReady(bot, 15_000);
    return bot;
  }

  /** Polls /readyz until it answers 200. */
  async waitReady(bot: Bot, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (bot.child?.exitCode !== null) throw new Error(`bot ${bot.name} exited with ${bot.child?.exitCode}: ${bot.stderrTail}`);
      try {
        const res = await fetch(`http://127.0.0.1:${bot.port}/readyz`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(50);
    }
    throw new Error(`bot ${bot.name} was not ready within ${timeoutMs} ms: ${bot.stderrTail}`);
  }

  /** Kills a bot with SIGKILL (a crash) and waits until it is gone. */
  async killBot(bot: Bot): Promise<void> {
    const child = bot.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = once(child, 'exit');
    child.kill('SIGKILL');
    await gone;
  }

  /** A clean stop of everything: SIGTERM to the bots (SIGKILL after 5 s), then Redis; removes the folder. */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.children].filter((c) => c !== this.redis).map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const gone = once(child, 'exit');
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await gone;
        clearTimeout(timer);
      }),
    );
    await this.killRedis();
    this.stopNow();
  }

  /** Synchronous last resort (process exit, signals): SIGKILL whatever still runs, remove the folder. */
  stopNow(): void {
    for (const child of this.children) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private track(child: ChildProcess): void {
    this.children.add(child);
    child.on('exit', () => this.children.delete(child));
  }
}
