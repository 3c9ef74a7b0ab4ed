/**
 * `lianluo login` against the sandbox platform: the owner's login with a captcha typed from the
 * image, and the lifting of a stop so that the bot (sharing the cache) resumes.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSandbox, type RunningSandbox } from '../../sandbox/create-sandbox';
import { SandboxControl } from '../../sandbox/control-client';
import { CacheSessionVault } from '../../src/identity/cache-session-vault';
import { runLianluo, tempDir } from './run-lianluo';
import { sharedCacheStores } from './sandbox-stores';

jest.setTimeout(30_000);

const ACME_PW = 'acme-console-pw';
const BETA_FILE_PW = 'beta-pw-in-the-file';

let sandbox: RunningSandbox;
let control: SandboxControl;
let env: NodeJS.ProcessEnv;
/** The accounts file with acme alone: the captcha test's doctor runs must not log beta in. */
let acmeOnly: string;
const stores = sharedCacheStores();
const captchaDir = tempDir('lianluo-captcha-test-');

const logins = async (account: string) => (await control.requests(account)).filter((r) => r.action === 'login').length;
const captchaText = async (account: string) =>
  ((await (await fetch(`${sandbox.url}/_sandbox/accounts/${account}/captcha`)).json()) as { text: string }).text;
const lianluo = (argv: string[], prompt?: (question: string) => Promise<string>) =>
  runLianluo(argv, { env, openStores: stores.open, consoleTimeoutMs: 2000, tmpDir: captchaDir, ...(prompt ? { prompt } : {}) });

beforeAll(async () => {
  sandbox = await startSandbox({ knobs: { captchaAfterLogins: 20 } });
  control = new SandboxControl(sandbox.url);
  const webhookUrl = 'http://127.0.0.1:9/webhooks/unused';
  await control.addAccount({ id: 'acme', username: 'owner@acme', password: ACME_PW, token: 'acmetoken', webhookUrl, originalId: 'gh_3a7f9c21b04e' });
  await control.addAccount({ id: 'beta', username: 'owner@beta', password: 'beta-pw-on-the-console', token: 'betatoken', webhookUrl, originalId: 'gh_bbbbbbbbbbbb' });
  for (const nickName of ['Ann', 'Bo']) {
    const { fakeId } = await control.addPerson({ nickName });
    await control.follow({ account: 'acme', fakeId, push: false });
  }
  const file = path.join(tempDir(), 'accounts.json');
  writeFileSync(file, JSON.stringify([
    { id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', console: { url: sandbox.url, username: 'owner@acme', password: 'env:ACME_PW' } },
    { id: 'beta', originalId: 'gh_bbbbbbbbbbbb', token: 'betatoken', console: { url: sandbox.url, username: 'owner@beta', password: BETA_FILE_PW } },
    { id: 'plain', originalId: 'gh_cccccccccccc', token: 'plaintoken' },
  ]), { mode: 0o600 });
  acmeOnly = path.join(tempDir(), 'accounts.json');
  writeFileSync(acmeOnly, JSON.stringify([
    { id: 'acme', originalId: 'gh_3a7f9c21b04e', token: 'acmetoken', console: { url: sandbox.url, username: 'owner@acme', password: 'env:ACME_PW' } },
  ]), { mode: 0o600 });
  env = { ACCOUNTS_FILE: file, ACME_PW, DATA_DIR: tempDir(), PUBLIC_URL: 'https://bot.example.com' };
});

afterAll(async () => {
  await stores.shared.close();
  await sandbox?.close();
});

describe('lianluo login', () => {
  it('solves a captcha typed from the image, lifts the stop, and doctor then uses the saved session', async () => {
    await control.knobs({ captchaAfterLogins: 0 }); // every login needs the captcha
    const first = await lianluo(['doctor', '--file', acmeOnly]);
    expect(first.stdout).toContain('✖ console acme: the console asks for a captcha (ErrCode -6): too many logins\n    fix: run npx lianluo login acme');
    const stopped = await lianluo(['doctor', '--file', acmeOnly]);
    expect(stopped.stdout).toMatch(/✖ console acme: console login for account acme needs a captcha \(ErrCode -6/);
    await control.clearRequests();

    const images: string[] = [];
    const answers = ['wrong', await captchaText('acme')];
    const run = await lianluo(['login', 'acme'], async (question) => {
      expect(question).toBe('Captcha text (验证码): ');
      const [dir] = readdirSync(captchaDir);
      const image = path.join(captchaDir, dir!, `captcha-${images.length + 1}.jpg`);
      expect(readFileSync(image).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8])); // a JPEG, on disk while asked
      images.push(image);
      return answers.shift()!;
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('A stop on automatic logins is in force: console login for account acme needs a captcha');
    expect(run.stdout).toContain('That captcha was wrong; here is a new one.');
    expect(run.stdout).toContain('✔ logged in as owner@acme, 2 followers.');
    expect(images).toHaveLength(2);
    for (const image of images) expect(run.stdout).toContain(`Open this image and type its text:\n  ${image}\n`);
    expect(images.some((i) => existsSync(i))).toBe(false); // removed afterwards
    expect(await logins('acme')).toBe(2); // the wrong text and the right one; no plain login first
    expect(await new CacheSessionVault(stores.shared, 'acme', { url: sandbox.url, username: 'owner@acme', password: ACME_PW }).loginBlock()).toBeNull();

    await control.clearRequests();
    const after = await lianluo(['doctor', '--file', acmeOnly]);
    expect(after.stdout).toContain('✔ console acme: logged in as owner@acme (saved session), 2 followers');
    expect(await logins('acme')).toBe(0);
    await control.knobs({ captchaAfterLogins: 20 });
  });

  it('after a wrong-password stop, tries one login when asked, and lifts the stop once the password matches', async () => {
    const first = await lianluo(['doctor']);
    expect(first.stdout).toContain('✖ console beta: login refused: wrong username or password (ErrCode -2)');
    await control.clearRequests();

    const refused = await lianluo(['login', 'beta'], async () => {
      throw new Error('no captcha was asked for');
    });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('A stop on automatic logins is in force: console login for account beta refused: wrong username or password');
    expect(refused.stdout).toContain('✖ login refused: wrong username or password (ErrCode -2)\n    fix: fix console.username/console.password');
    expect(await logins('beta')).toBe(1);
    const stillStopped = await lianluo(['doctor']);
    expect(stillStopped.stdout).toMatch(/✖ console beta: console login for account beta refused/);
    expect(await logins('beta')).toBe(1);

    await control.patchAccount('beta', { password: BETA_FILE_PW }); // the owner set the console back to the file's password
    const run = await lianluo(['login', 'beta']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('✔ logged in as owner@beta, 0 followers.');
    expect(await logins('beta')).toBe(2);
    expect(run.stdout).toContain('! REDIS_URL is unset');
    const after = await lianluo(['doctor']);
    expect(after.stdout).toContain('✔ console beta: logged in as owner@beta (saved session), 0 followers');
    expect(await logins('beta')).toBe(2); // doctor reused the session login saved
    for (const output of [first, refused, stillStopped, run, after]) expect(output.stdout + output.stderr).not.toContain(BETA_FILE_PW);
  });

  it('refuses an account without a console (exit 78) and an unknown one', async () => {
    const none = await lianluo(['login', 'plain']);
    expect(none.code).toBe(78);
    expect(none.stderr).toContain('account "plain" has no console configured\nHow to fix: npx lianluo accounts edit plain --console-url URL');
    const unknown = await lianluo(['login', 'nope']);
    expect(unknown.code).toBe(78);
    expect(unknown.stderr).toContain('use one of: acme, beta, plain');
  });
});
