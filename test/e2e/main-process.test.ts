import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sha1Sorted, TIMESTAMP, NONCE, textPushXml } from '../builders/push-request';

const root = path.join(__dirname, '..', '..');
const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');

/** Starts `src/main.ts` as `npm start` would, with nothing configured but a port and a data dir. */
function startMain(): { child: ChildProcessWithoutNullStreams; output: () => string; url: Promise<string> } {
  const env = { PATH: process.env.PATH, PORT: '0', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'lianluo-main-')) };
  const child = spawn(process.execPath, [tsx, path.join(root, 'src', 'main.ts')], { cwd: root, env });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Webhook for demo: (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
  return { child, output: () => out, url };
}

describe('the composition root (npm start with nothing configured)', () => {
  it('serves the demo account on the embedded stores and stops cleanly on SIGTERM', async () => {
    const { child, output, url } = startMain();
    const webhook = await url;
    const query = `signature=${sha1Sorted('demo', TIMESTAMP, NONCE)}&timestamp=${TIMESTAMP}&nonce=${NONCE}`;

    const handshake = await fetch(`${webhook}?${query}&echostr=hello123`);
    expect(await handshake.text()).toBe('hello123');

    const xml = textPushXml({ to: 'gh_000000000000', from: 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u', content: 'help', msgId: '42' });
    const reply = await fetch(`${webhook}?${query}`, { method: 'POST', body: xml, headers: { 'content-type': 'text/xml' } });
    expect(reply.status).toBe(200);
    expect(await reply.text()).toContain('Lianluo commands:');

    const ready = await fetch(new URL('/readyz', webhook));
    expect(ready.status).toBe(200);

    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toContain('"msg":"stopped"');
    expect(output()).toContain('"outcome":"handled"');
  });

  it('refuses a bad configuration with the variable and the fix, before serving', async () => {
    const child = spawn(process.execPath, [tsx, path.join(root, 'src', 'main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH, REPLY_BUDGET_MS: '9000' },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(78);
    expect(err).toContain('Configuration error: REPLY_BUDGET_MS is invalid');
    expect(err).toContain('How to fix: use a number of milliseconds from 100 to 4900');
  });
});
