import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StopSignals } from '../../src/stop-signals';

jest.setTimeout(60_000);

const root = path.join(__dirname, '..', '..');
// TypeScript in the process itself (`node --import tsx`), as `npm start` runs one process. The
// tsx CLI would run the program in a child and relay signals to it, killing it (exit 143) when
// the child does not confirm the signal within 30 ms: on a loaded machine, the old flake.
const inProcessTs = ['--import', 'tsx'];
const probe = path.join(root, 'test', 'fixtures', 'probes', 'signal-listeners-at-first-write.cjs');

interface Run {
  /** SIGTERM listeners when the process first wrote to stdout. */
  listenersAtAnnouncement: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Starts `script` with the probe loaded, sends SIGTERM the moment it prints `announced`, and
 * reports how it ended: the window a loaded machine hits now and then, made certain.
 */
function stopAtAnnouncement(script: string, env: Record<string, string>, announced: RegExp): Promise<Run> {
  const child = spawn(process.execPath, [...inProcessTs, script], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_OPTIONS: `--require=${probe}`, ...env },
  });
  let output = '';
  let sent = false;
  const collect = (chunk: Buffer): void => {
    output += chunk.toString();
    if (!sent && announced.test(output)) {
      sent = true;
      child.kill('SIGTERM');
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      const listeners = /probe:sigterm-listeners=(\d+)/.exec(output);
      resolve({ listenersAtAnnouncement: listeners ? Number(listeners[1]) : -1, code, signal, output });
    });
  });
}

const dataDir = (): string => mkdtempSync(path.join(tmpdir(), 'lianluo-stop-'));

describe('a stop signal sent the moment a process says it is up stops it cleanly', () => {
  it('the bot alone (ACCOUNTS_FILE): listening before the first line, exit 0', async () => {
    const accounts = path.join(dataDir(), 'accounts.json');
    writeFileSync(accounts, JSON.stringify([{ id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken' }]));
    const run = await stopAtAnnouncement(path.join(root, 'src', 'main.ts'), { PORT: '0', ACCOUNTS_FILE: accounts, DATA_DIR: dataDir() }, /Webhook for acme/);
    expect(run.listenersAtAnnouncement).toBeGreaterThan(0);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
  });

  it('the demo: the banner comes first, no JSON log line before it, and exit 0', async () => {
    const run = await stopAtAnnouncement(path.join(root, 'src', 'main.ts'), { PORT: '0', SANDBOX_PORT: '0', DATA_DIR: dataDir() }, /Chat page/);
    expect(run.listenersAtAnnouncement).toBeGreaterThan(0);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
    const beforeBanner = run.output.slice(0, run.output.indexOf('Lianluo demo is running'));
    expect(beforeBanner).not.toContain('{"level"');
    expect(run.output).toContain('Stopped. 已停止。');
  });

  it('npm run sandbox: exit 0', async () => {
    const run = await stopAtAnnouncement(path.join(root, 'sandbox', 'main.ts'), { SANDBOX_PORT: '0' }, /listening on/);
    expect(run.listenersAtAnnouncement).toBeGreaterThan(0);
    expect({ code: run.code, signal: run.signal }).toEqual({ code: 0, signal: null });
  });
});

describe('StopSignals', () => {
  it('hands a signal that came during start-up to the stop routine once it is set, and counts only the first', () => {
    const target = new EventEmitter();
    const early: string[] = [];
    const stops: string[] = [];
    const signals = new StopSignals((s) => early.push(s), target as unknown as NodeJS.Process);
    target.emit('SIGTERM', 'SIGTERM');
    target.emit('SIGINT', 'SIGINT');
    expect(early).toEqual(['SIGTERM']);
    signals.onStop((s) => stops.push(s));
    expect(stops).toEqual(['SIGTERM']);
    target.emit('SIGTERM', 'SIGTERM');
    expect(stops).toEqual(['SIGTERM']);
    signals.dispose();
    expect(target.listenerCount('SIGTERM')).toBe(0);
  });

  it('runs the stop routine when the signal comes after start-up', () => {
    const target = new EventEmitter();
    const stops: string[] = [];
    const signals = new StopSignals(() => undefined, target as unknown as NodeJS.Process);
    signals.onStop((s) => stops.push(s));
    expect(stops).toEqual([]);
    target.emit('SIGINT', 'SIGINT');
    expect(stops).toEqual(['SIGINT']);
    expect(signals.signal).toBe('SIGINT');
  });
});
