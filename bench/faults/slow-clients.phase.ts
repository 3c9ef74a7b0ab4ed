/**
 * Phase 5: clients that send their headers, then the body at one byte a second, beside normal
 * pushes to the same process. The server should cut them off (well under the platform's 5 s);
 * reports how many it closed and when, normal pushes' latency, and the process's file
 * descriptors and RSS during and after.
 */
import { connect, type Socket } from 'node:net';
import { openFds, rssMb } from '../support/proc';
import { percentile } from '../support/stats';
import { createAgent } from './agents';
import type { Bot } from './cluster';
import { call } from './http-call';
import { pacedLoad } from './load-loops';
import { freshTextPush } from './pushes';

export interface SlowSummary {
  slowClients: number;
  seconds: number;
  /** Slow sockets the server closed (or answered) before the end of the phase. */
  closedByServer: number;
  closedAfterS: { p50: number; max: number } | null;
  /** What the server sent before closing, by status line (e.g. `HTTP/1.1 408`), or `nothing`. */
  closedWith: Record<string, number>;
  normal: { pushes: number; replied: number; p50Ms: number; p99Ms: number };
  fds: { before: number; peakDuring: number; after: number };
  rssMb: { before: number; peakDuring: number; after: number };
}

interface Slow {
  socket: Socket;
  openedAt: number;
  closedAt?: number;
  firstBytes: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function openSlow(bot: Bot): Slow {
  const push = freshTextPush('help');
  const socket = connect(bot.port, '127.0.0.1');
  const slow: Slow = { socket, openedAt: performance.now(), firstBytes: '' };
  socket.on('connect', () => {
    socket.write(`POST ${push.path} HTTP/1.1\r\nHost: 127.0.0.1:${bot.port}\r\nContent-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(push.body)}\r\n\r\n`);
  });
  socket.on('data', (data: Buffer) => {
    if (slow.firstBytes === '') slow.firstBytes = data.toString('latin1', 0, 12);
  });
  socket.on('error', () => undefined); // a write after the server closed: the close is what counts
  socket.on('close', () => (slow.closedAt ??= performance.now()));
  let sent = 0;
  const trickle = setInterval(() => {
    if (socket.destroyed || sent >= push.body.length) return clearInterval(trickle);
    socket.write(push.body[sent]!);
    sent += 1;
  }, 1000);
  socket.on('close', () => clearInterval(trickle));
  return slow;
}

export async function runSlowClients(bot: Bot, count: number, seconds: number, normalRate: number): Promise<SlowSummary> {
  const pid = () => bot.child!.pid!;
  const before = { fds: openFds(pid()), rss: rssMb(pid()) };
  const peak = { fds: before.fds, rss: before.rss };
  const sampler = setInterval(() => {
    peak.fds = Math.max(peak.fds, openFds(pid()));
    peak.rss = Math.max(peak.rss, rssMb(pid()));
  }, 250);
  const slows = Array.from({ length: count }, () => openSlow(bot));
  const ending = performance.now() + seconds * 1000;
  const agent = createAgent();
  await sleep(500); // the slow sockets are open and waiting before the normal pushes start
  const shots = await pacedLoad(normalRate, Math.max(1000, ending - performance.now() - 500), () => {
    const push = freshTextPush('help');
    return call({ port: bot.port, path: push.path, body: push.body, agent });
  });
  await sleep(Math.max(0, ending - performance.now()));
  clearInterval(sampler);
  const closed = slows.filter((s) => s.closedAt !== undefined);
  for (const s of slows) s.socket.destroy();
  agent.destroy();
  await sleep(2000);
  const after = { fds: openFds(pid()), rss: rssMb(pid()) };
  const closedAfter = closed.map((s) => (s.closedAt! - s.openedAt) / 1000);
  const replied = shots.filter((s) => s.answer === 'reply');
  return {
    slowClients: count,
    seconds,
    closedByServer: closed.length,
    closedAfterS: closed.length ? { p50: percentile(closedAfter, 50), max: Math.max(...closedAfter) } : null,
    closedWith: Object.fromEntries(
      [...new Set(closed.map((s) => s.firstBytes || 'nothing'))].map((k) => [k.trim(), closed.filter((s) => (s.firstBytes || 'nothing') === k).length]),
    ),
    normal: {
      pushes: shots.length,
      replied: replied.length,
      p50Ms: percentile(replied.map((s) => s.result.ms), 50),
      p99Ms: percentile(replied.map((s) => s.result.ms), 99),
    },
    fds: { before: before.fds, peakDuring: peak.fds, after: after.fds },
    rssMb: { before: before.rss, peakDuring: peak.rss, after: after.rss },
  };
}

export function describeSlow(s: SlowSummary): string {
  const when = s.closedAfterS ? ` after p50 ${s.closedAfterS.p50.toFixed(1)} s, max ${s.closedAfterS.max.toFixed(1)} s` : '';
  return [
    `slow clients: ${s.slowClients} sockets trickling 1 byte/s for ${s.seconds} s → closed by the server ${s.closedByServer}/${s.slowClients}${when}` +
      `; normal pushes beside them: ${s.normal.replied}/${s.normal.pushes} replied, p50 ${s.normal.p50Ms.toFixed(1)} ms, p99 ${s.normal.p99Ms.toFixed(1)} ms`,
    `  server sent before closing: ${Object.entries(s.closedWith).map(([k, v]) => `${k}×${v}`).join(' ') || '–'}`,
    `  open fds: before ${s.fds.before}, peak ${s.fds.peakDuring}, after ${s.fds.after}; RSS MiB: before ${s.rssMb.before.toFixed(0)},` +
      ` peak ${s.rssMb.peakDuring.toFixed(0)}, after ${s.rssMb.after.toFixed(0)}`,
  ].join('\n');
}
