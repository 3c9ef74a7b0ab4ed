/**
 * `lianluo doctor` against the sandbox platform: real console logins over HTTP, the bot's own
 * client and vault, a cache shared between runs (as Redis is between processes).
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/create-sandbox';
import { SandboxControl } from '../../sandbox/control-client';
import { runLianluo, tempDir } from './run-lianluo';
import { sharedCacheStores } from './sandbox-stores';

jest.setTimeout(30_000);

const GOOD_PW = 'console-pass-good';
const BETA_REAL_PW = 'console-pass-beta';
const BETA_FILE_PW = 'not-the-beta-password';

let sandbox: RunningSandbox;
let control: SandboxControl;
let env: NodeJS.ProcessEnv;
const stores = sharedCacheStores();

const logins = async (account: string) => (await control.requests(account)).filter((r) => r.action === 'login').length;
const doctor = (args: string[] = []) => runLianluo(['doctor', ...args], { env, openStores: stores.open, consoleTimeoutMs: 2000 });

beforeAll(async () => {
  sandbox = await startSandbox({ knobs: { captchaAfterLogins: 20 } });
  control = new SandboxControl(sandbox.url);
  const webhookUrl = 'http://127.0.0.1:9/webhooks/unused';
  await control.addAccount({ id: 'acme', username: 'owner@acme', password: GOOD_PW, token: 'acmetoken', webhookUrl, originalId: 'gh_3a7f9c21b04e' });
  await control.addAccount({ id: 'beta', username: 'owner@beta', password: BETA_REAL_PW, token: 'betatoken', webhookUrl, originalId: 'gh_bbbbbbbbbbbb' });
  for (const nickName of ['Ann', 'Bo', 'Cy']) {
    const { fakeId } = await control.addPerson({ nickName });
    await control.follow({ account: 'acme', fakeId, push: false });
  }
  const file = path.join(tempDir(), 'accounts.json');
  writeFileSync(file, JSON.stringify([
    { id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', console: { url: sandbox.url, username: 'owner@acme', password: 'env:ACME_PW' } },
    { id: 'beta', originalId: 'gh_bbbbbbbbbbbb', token: 'betatoken', console: { url: sandbox.url, username: 'owner@beta', password: BETA_FILE_PW } },
    { id: 'gone', originalId: 'gh_cccccccccccc', token: 'gonetoken', console: { url: 'http://127.0.0.1:9', username: 'x', password: 'y' } },
    { id: 'quiet', originalId: 'gh_dddddddddddd', token: 'quiettoken' },
  ]), { mode: 0o600 });
  env = { ACCOUNTS_FILE: file, ACME_PW: GOOD_PW, DATA_DIR: tempDir(), PUBLIC_URL: 'https://bot.example.com' };
});

afterAll(async () => {
  await stores.shared.close();
  await sandbox?.close();
});

describe('lianluo doctor', () => {
  it('logs in once per account: ✔ with the follower count, ✖ with the meaning and fix of a refusal', async () => {
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^✔ environment: PORT 3000, PUBLIC_URL https:\/\/bot\.example\.com, cache embedded/m);
    expect(run.stdout).toMatch(/^✔ accounts: .*acme \(plain, console\), beta \(plain, console\), gone \(plain, console\), quiet \(plain\)$/m);
    expect(run.stdout).toMatch(/^✔ cache: embedded \(in-process\): write, read and delete work/m);
    expect(run.stdout).toMatch(/^✔ document store: embedded \(.*\): write, read and delete work$/m);
    expect(run.stdout).toContain('✔ console acme: logged in as owner@acme (new login), 3 followers\n');
    expect(run.stdout).toMatch(/\n! console quiet: not configured: followers are not identified.*\n {4}fix: npx lianluo accounts edit quiet --console-url URL --console-username NAME --console-password-env NAME\n/);
    expect(run.stdout).toContain('✖ console beta: login refused: wrong username or password (ErrCode -2)\n    fix: fix console.username/console.password in ACCOUNTS_FILE: npx lianluo accounts edit beta --console-password-env NAME');
    expect(run.stdout).not.toContain('accounts remove');
    expect(run.stdout).toMatch(/✖ console gone: console at http:\/\/127\.0\.0\.1:9 unreachable or failing \(login: .*\)\n {4}fix: check console\.url/);
    expect(run.stdout).toMatch(/\n2 failed, 1 warning\.\n$/);
    expect(await logins('acme')).toBe(1);
    expect(await logins('beta')).toBe(1);
    for (const secret of [GOOD_PW, BETA_FILE_PW, BETA_REAL_PW, 'acmetoken', 'betatoken']) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('a second run reuses the saved session and reports the stop without another login', async () => {
    await control.clearRequests();
    const run = await doctor();
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✔ console acme: logged in as owner@acme (saved session), 3 followers\n');
    expect(run.stdout).toMatch(/✖ console beta: console login for account beta refused: wrong username or password \(ErrCode -2, since .*\)\. Fix console\.username\/console\.password in ACCOUNTS_FILE \(npx lianluo accounts edit beta --console-password-env NAME/);
    expect(run.stdout).toContain('fix: fix console.username/console.password in ACCOUNTS_FILE: npx lianluo accounts edit beta ');
    expect(await logins('acme')).toBe(0);
    expect(await logins('beta')).toBe(0);
  });

  it('--json gives each check a verdict and fix, and ok=false', async () => {
    const run = await doctor(['--json']);
    const report = JSON.parse(run.stdout) as { ok: boolean; checks: Array<{ name: string; verdict: string; fix?: string }> };
    expect(report.ok).toBe(false);
    const verdicts = Object.fromEntries(report.checks.map((c) => [c.name, c.verdict]));
    expect(verdicts).toMatchObject({ environment: 'ok', accounts: 'ok', cache: 'ok', 'document store': 'ok', 'console acme': 'ok', 'console beta': 'fail', 'console gone': 'fail', 'console quiet': 'warn' });
    expect(report.checks.find((c) => c.name === 'console beta')!.fix).toContain('ACCOUNTS_FILE');
  });
});

describe('lianluo doctor without a sandbox', () => {
  it('a bad environment fails with its fix, and the stores are skipped', async () => {
    const run = await runLianluo(['doctor'], { env: { REPLY_BUDGET_MS: '9000' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✖ environment: REPLY_BUDGET_MS is invalid');
    expect(run.stdout).toContain('fix: use a number of milliseconds from 100 to 4900');
    expect(run.stdout).toContain('! stores: skipped: needs a valid environment');
  });

  it('the demo setup passes with warnings: no PUBLIC_URL, no accounts file', async () => {
    const run = await runLianluo(['doctor'], { env: { DATA_DIR: tempDir() } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('! public URL: PUBLIC_URL unset');
    expect(run.stdout).toContain('! accounts: ACCOUNTS_FILE unset: only the demo account is served');
    expect(run.stdout).toMatch(/✔ document store: embedded/);
    expect(run.stdout).toContain('All good, 2 warnings.');
  });

  it("fails the one account whose own env: secret is unset, naming it by id, and still checks the others", async () => {
    const file = path.join(tempDir(), 'accounts.json');
    writeFileSync(file, JSON.stringify([
      { id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'env:ACME_TOKEN' },
      { id: 'club', originalId: 'gh_bbbbbbbbbbbb', token: 'clubtoken', console: { url: 'http://127.0.0.1:9', username: 'x', password: 'env:CLUB_PW' } },
    ]), { mode: 0o600 });
    const run = await runLianluo(['doctor'], { env: { ACCOUNTS_FILE: file, ACME_TOKEN: 'acmetoken', DATA_DIR: tempDir(), PUBLIC_URL: 'https://bot.example.com' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✖ account club: account "club": console.password refers to env:CLUB_PW, which is not set: the bot refuses to start without it\n    fix: export CLUB_PW=');
    expect(run.stdout).not.toMatch(/account acme:/);
    expect(run.stdout).toContain('! console acme: not configured');
  });

  it('in the demo probes the in-memory documents the demo uses, and leaves nothing on disk', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const run = await runLianluo(['doctor'], { env: { DATA_DIR: dataDir } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/documents embedded \(in memory, as the demo keeps them\)/);
    expect(run.stdout).toContain('✔ document store: embedded (in memory, as the demo keeps them): write, read and delete work\n');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('with the sandbox off probes DATA_DIR on disk, then removes the probe file and a folder it created', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const run = await runLianluo(['doctor'], { env: { DATA_DIR: dataDir, SANDBOX: '0' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`✔ document store: embedded (${dataDir}): write, read and delete work\n`);
    expect(existsSync(dataDir)).toBe(false);
  });

  it("keeps an existing DATA_DIR and the bot's files in it, removing only the probe's", async () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'identities.db'), '');
    const run = await runLianluo(['doctor'], { env: { DATA_DIR: dataDir, SANDBOX: '0' } });
    expect(run.code).toBe(0);
    expect(readdirSync(dataDir)).toEqual(['identities.db']);
  });

  it('an unreachable Redis fails the cache check, never printing the URL password', async () => {
    const run = await runLianluo(['doctor'], { env: { DATA_DIR: tempDir(), REDIS_URL: 'redis://:hunter2@127.0.0.1:9' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✖ cache: redis at redis:\/\/127\.0\.0\.1:9: /);
    expect(run.stdout).toContain('fix: check REDIS_URL');
    expect(run.stdout).not.toContain('hunter2');
  });

  (process.env.REDIS_URL ? it : it.skip)('passes the cache check on the Redis of REDIS_URL', async () => {
    const run = await runLianluo(['doctor'], { env: { DATA_DIR: tempDir(), REDIS_URL: process.env.REDIS_URL } });
    expect(run.stdout).toMatch(/✔ cache: redis at .*: write, read and delete work/);
    expect(run.code).toBe(0);
  });
});
