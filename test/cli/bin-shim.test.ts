import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { tempDir } from './run-lianluo';

const root = path.join(__dirname, '..', '..');
const bin = path.join(root, 'bin', 'lianluo.cjs');

/** Runs the shim as npx would, from a folder outside the repository, with a bare environment. */
function lianluo(args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: tempDir(), env: { PATH: process.env.PATH }, encoding: 'utf8', timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('bin/lianluo.cjs (npx lianluo)', () => {
  it('runs the CLI from source through tsx: help, a command, and the usage exit code', () => {
    const help = lianluo(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: lianluo \[options\] \[command\]/);
    for (const command of ['accounts', 'url', 'doctor', 'login', 'replay']) expect(help.stdout).toMatch(new RegExp(`\\n  ${command} `));

    const url = lianluo(['url', 'demo', '--public-url', 'https://bot.example.com']);
    expect(url.code).toBe(0);
    expect(url.stdout).toMatch(/https:\/\/bot\.example\.com\/webhooks\/demo/);

    const usage = lianluo(['url']);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain("missing required argument 'account'");
  });
});
