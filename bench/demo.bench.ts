/**
 * `npm run bench:demo`: what a newcomer waits for. Starts `npm start`'s program
 * (dist/src/main.js) with nothing configured, five times, and measures:
 *  - start: process spawned → the chat page URL printed;
 *  - RSS after start (from the demo's own /metrics);
 *  - for each seeded person (console at the sandbox's default latency, 0 ms): follow (李雷
 *    already follows), then `whoami` → the answer with their nickname (passive, or the active
 *    message that follows).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SandboxControl } from '../sandbox/control-client';
import { median } from './support/stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const root = path.join(__dirname, '..', '..');

async function oneRun(): Promise<{ startMs: number; rssMiB: number; whoamiMs: number[] }> {
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
    env: { PATH: process.env.PATH, PORT: '0', SANDBOX_PORT: '0', LOG_LEVEL: 'warn', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lianluo-demo-bench-')) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    let out = '';
    const urls = await new Promise<{ chat: string; bot: string }>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const chat = /Chat page 聊天页面:\s+(http:\/\/\S+)/.exec(out)?.[1];
        const bot = /Webhook:\s+(http:\/\/\S+)\/webhooks/.exec(out)?.[1];
        if (chat && bot) resolve({ chat: chat.replace(/\/$/, ''), bot });
      });
      child.on('exit', (code) => reject(new Error(`the demo exited with ${code}: ${out}`)));
    });
    const startMs = performance.now() - started;
    const metrics = await (await fetch(`${urls.bot}/metrics`)).text();
    const rssMiB = Number(/^lianluo_process_resident_memory_bytes (\S+)$/m.exec(metrics)?.[1]) / 2 ** 20;

    const control = new SandboxControl(urls.chat);
    const whoamiMs: number[] = [];
    const seeded = new Set((await control.follows('demo')).map((f) => f.fakeId)); // 李雷 follows from the start
    for (const person of await control.people()) {
      if (!seeded.has(person.fakeId)) await control.follow({ account: 'demo', fakeId: person.fakeId });
      const asked = performance.now();
      const reply = await control.send({ account: 'demo', fakeId: person.fakeId, type: 'text', content: 'whoami' });
      const answered = async () => reply.reply?.content?.includes(person.nickName)
        || (await control.sent('demo')).some((s) => s.fakeId === person.fakeId && s.content.includes(`Nickname: ${person.nickName}`));
      while (!(await answered())) {
        if (performance.now() - asked > 30_000) throw new Error(`no whoami answer for ${person.nickName} within 30 s`);
        await new Promise((r) => setTimeout(r, 20));
      }
      whoamiMs.push(performance.now() - asked);
    }
    return { startMs, rssMiB, whoamiMs };
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const runs = [];
  for (let i = 0; i < RUNS; i += 1) runs.push(await oneRun());
  const whoami = runs.flatMap((r) => r.whoamiMs);
  console.log(`demo benchmark: ${RUNS} starts of dist/src/main.js with nothing configured; follow + whoami for each of the 4 seeded people`);
  console.table([{
    'start → chat URL ms (median)': Math.round(median(runs.map((r) => r.startMs))),
    'start max ms': Math.round(Math.max(...runs.map((r) => r.startMs))),
    'RSS MiB (median)': Math.round(median(runs.map((r) => r.rssMiB))),
    'whoami → nickname ms p50': Math.round(median(whoami)),
    'whoami max ms': Math.round(Math.max(...whoami)),
    answers: whoami.length,
  }]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
