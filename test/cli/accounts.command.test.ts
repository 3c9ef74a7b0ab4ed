import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { followNextSteps } from './follow-next-steps';
import { runLianluo, tempDir } from './run-lianluo';

const TOKEN = 'Tok3nInTheFile9';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const PASSWORD = 'pw-in-the-file-42';
const ENV_PASSWORD = 'pw-from-the-env-77';

/** A file with secrets both in the file and behind env: references. */
function fileWithSecrets(): string {
  const file = path.join(tempDir(), 'accounts.json');
  writeFileSync(file, JSON.stringify([
    { id: 'acme', originalId: 'gh_0123456789ab', token: TOKEN, mode: 'safe', encodingAESKey: AES_KEY, appId: 'wx0123456789abcdef',
      console: { url: 'https://console.example', username: 'owner@acme', password: PASSWORD } },
    { id: 'beta', originalId: 'gh_aaaaaaaaaaaa', token: 'env:BETA_TOKEN',
      console: { url: 'https://console.example', username: 'owner@beta', password: 'env:BETA_PW' } },
  ]));
  return file;
}

describe('lianluo accounts', () => {
  it('add writes an entry with generated secrets, env references and a 0600 file, and says what to do next', async () => {
    const cwd = tempDir();
    const run = await runLianluo(
      ['accounts', 'add', 'acme', '--original-id', 'gh_0123456789ab', '--mode', 'safe', '--app-id', 'wx0123456789abcdef',
        '--console-url', 'https://console.example', '--console-username', 'owner@acme', '--console-password-env', 'ACME_PW'],
      { cwd },
    );
    expect(run.code).toBe(0);
    const file = path.join(cwd, 'accounts.json');
    const [entry] = JSON.parse(readFileSync(file, 'utf8'));
    expect(entry).toMatchObject({ id: 'acme', originalId: 'gh_0123456789ab', mode: 'safe', appId: 'wx0123456789abcdef',
      console: { url: 'https://console.example', username: 'owner@acme', password: 'env:ACME_PW' } });
    expect(entry.token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(entry.encodingAESKey).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.stdout).toContain('npx lianluo url acme');
    expect(run.stdout).toContain(`export ACCOUNTS_FILE=${file}`);
    expect(run.stdout).toContain('export ACME_PW=');
    expect(run.stdout).not.toContain(entry.token);
    expect(run.stdout).not.toContain(entry.encodingAESKey);
  });

  it('add prints Next steps that work when followed in order: every export before url', async () => {
    const cwd = tempDir();
    const run = await runLianluo(
      ['accounts', 'add', 'acme', '--original-id', 'gh_0123456789ab', '--token-env', 'ACME_TOKEN',
        '--console-url', 'https://console.example', '--console-username', 'owner@acme', '--console-password-env', 'ACME_PW'],
      { cwd },
    );
    expect(run.code).toBe(0);
    const next = run.stdout.split('\nNext:\n')[1]!;
    expect(next.indexOf('export ACME_TOKEN=')).toBeLessThan(next.indexOf('npx lianluo url acme'));
    expect(next.indexOf('export ACCOUNTS_FILE=')).toBeLessThan(next.indexOf('npx lianluo url acme'));
    const urls = await followNextSteps(run.stdout, cwd);
    expect(urls.map((u) => [u.code, u.stderr])).toEqual([[0, '']]);
    expect(urls[0]!.stdout).toContain('https://bot.example.com/webhooks/acme');
  });

  it('add reads a console password from stdin and a token from the environment by name', async () => {
    const cwd = tempDir();
    const run = await runLianluo(
      ['accounts', 'add', 'beta', '--original-id', 'gh_aaaaaaaaaaaa', '--token-env', 'BETA_TOKEN',
        '--console-url', 'https://console.example', '--console-username', 'owner@beta', '--console-password-stdin'],
      { cwd, input: `${PASSWORD}\nignored second line\n`, env: { ACCOUNTS_FILE: 'accounts.json' } },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, 'accounts.json'), 'utf8'))).toEqual([
      { id: 'beta', originalId: 'gh_aaaaaaaaaaaa', token: 'env:BETA_TOKEN', mode: 'plain',
        console: { url: 'https://console.example', username: 'owner@beta', password: PASSWORD } },
    ]);
    expect(run.stdout).not.toContain('export ACCOUNTS_FILE'); // it is the file the bot reads already
    expect(run.stdout).toContain('export BETA_TOKEN=');
  });

  it.each<[string, string[], RegExp]>([
    ['a bad original id', ['--original-id', 'gh_XYZ'], /--original-id must be gh_ followed by 12 hex digits/],
    ['safe mode without an AppID', ['--original-id', 'gh_0123456789ab', '--mode', 'safe'], /--mode safe needs --app-id/],
    ['a half console', ['--original-id', 'gh_0123456789ab', '--console-url', 'https://c.example'], /console login needs --console-url, --console-username and a password/],
    ['a token and a token variable', ['--original-id', 'gh_0123456789ab', '--token', 'abcdef', '--token-env', 'T'], /cannot be used with option/],
    ['an unknown mode', ['--original-id', 'gh_0123456789ab', '--mode', 'secret'], /Allowed choices are plain, compatible, safe/],
    ['a token the platform refuses', ['--original-id', 'gh_0123456789ab', '--token', 'no spaces!'], /--token must be 3-32 letters and digits/],
  ])('add refuses %s with exit code 64 and writes nothing', async (_name, args, message) => {
    const cwd = tempDir();
    const run = await runLianluo(['accounts', 'add', 'acme', ...args], { cwd });
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(message);
    expect(() => statSync(path.join(cwd, 'accounts.json'))).toThrow(/ENOENT/);
  });

  it('add refuses a duplicate id with exit code 1 and leaves the file as it was', async () => {
    const file = fileWithSecrets();
    const before = readFileSync(file, 'utf8');
    const run = await runLianluo(['accounts', 'add', 'acme', '--original-id', 'gh_bbbbbbbbbbbb', '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('account "acme" already exists');
    expect(run.stderr).toContain('npx lianluo accounts edit acme (it keeps its token)');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('two adds at once both land', async () => {
    const cwd = tempDir();
    const [one, two] = await Promise.all([
      runLianluo(['accounts', 'add', 'one', '--original-id', 'gh_111111111111'], { cwd }),
      runLianluo(['accounts', 'add', 'two', '--original-id', 'gh_222222222222'], { cwd }),
    ]);
    expect([one.code, two.code]).toEqual([0, 0]);
    const ids = JSON.parse(readFileSync(path.join(cwd, 'accounts.json'), 'utf8')).map((e: { id: string }) => e.id);
    expect(ids.sort()).toEqual(['one', 'two']);
  });

  it('list shows where each secret comes from and never its value', async () => {
    const file = fileWithSecrets();
    const env = { ACCOUNTS_FILE: file, BETA_TOKEN: 'beta-token-from-env', BETA_PW: ENV_PASSWORD };
    const text = await runLianluo(['accounts', 'list'], { env });
    const json = await runLianluo(['accounts', 'list', '--json'], { env: { ACCOUNTS_FILE: file, BETA_TOKEN: 'beta-token-from-env' } });
    expect([text.code, json.code]).toEqual([0, 0]);
    for (const output of [text.stdout, json.stdout]) {
      for (const secret of [TOKEN, AES_KEY, PASSWORD, ENV_PASSWORD, 'beta-token-from-env']) expect(output).not.toContain(secret);
    }
    expect(text.stdout).toContain('2 accounts in');
    expect(text.stdout).toMatch(/acme {2}gh_0123456789ab {2}safe\n {2}token {11}in file\n {2}encodingAESKey {2}in file/);
    expect(text.stdout).toContain('https://console.example as owner@acme, password in file');
    expect(text.stdout).toContain('token           env:BETA_TOKEN (set)');
    expect(text.stdout).toContain('password env:BETA_PW (set)');
    expect(JSON.parse(json.stdout)[1]).toEqual({
      id: 'beta', originalId: 'gh_aaaaaaaaaaaa', mode: 'plain', token: { from: 'env', name: 'BETA_TOKEN', set: true },
      console: { url: 'https://console.example', username: 'owner@beta', password: { from: 'env', name: 'BETA_PW', set: false } },
    });
  });

  it('list without a file says the demo account is served', async () => {
    const run = await runLianluo(['accounts', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('the bot serves the demo account');
  });

  it('list of an invalid file exits 78 with what is wrong', async () => {
    const file = path.join(tempDir(), 'accounts.json');
    writeFileSync(file, '[{"id":"UPPER"}]');
    const run = await runLianluo(['accounts', 'list', '--file', file]);
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/Configuration error: .*: account "UPPER": id must be 1-32 characters/);
    expect(run.stderr).toContain('How to fix:');
  });

  it('remove takes an account out, refuses an unknown one and the last one', async () => {
    const file = fileWithSecrets();
    const removed = await runLianluo(['accounts', 'remove', 'acme', '--file', file]);
    expect(removed.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).map((e: { id: string }) => e.id)).toEqual(['beta']);
    const unknown = await runLianluo(['accounts', 'remove', 'nope', '--file', file]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no account "nope"');
    const last = await runLianluo(['accounts', 'remove', 'beta', '--file', file]);
    expect(last.code).toBe(1);
    expect(last.stderr).toContain('the file must list at least one');
    expect(JSON.parse(readFileSync(file, 'utf8')).map((e: { id: string }) => e.id)).toEqual(['beta']);
  });
});
