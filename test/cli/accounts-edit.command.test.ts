import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AccountEntry } from '../../src/config/accounts-file';
import { followNextSteps } from './follow-next-steps';
import { runLianluo, tempDir } from './run-lianluo';

const TOKEN = 'Tok3nInTheFile9';
const PASSWORD = 'pw-in-the-file-42';
const ACME: AccountEntry = {
  id: 'acme', originalId: 'gh_0123456789ab', token: TOKEN, mode: 'plain',
  console: { url: 'https://console.example', username: 'owner@acme', password: PASSWORD },
};
const BETA: AccountEntry = { id: 'beta', originalId: 'gh_aaaaaaaaaaaa', token: 'env:BETA_TOKEN', mode: 'plain' };

/** A folder holding accounts.json with ACME and BETA; the edits name it by --file. */
function setUp(): { cwd: string; file: string; edit: (args: string[], input?: string) => ReturnType<typeof runLianluo> } {
  const cwd = tempDir();
  const file = path.join(cwd, 'accounts.json');
  writeFileSync(file, JSON.stringify([ACME, BETA]));
  return { cwd, file, edit: (args, input) => runLianluo(['accounts', 'edit', ...args, '--file', file], { cwd, input }) };
}

const entries = (file: string): AccountEntry[] => JSON.parse(readFileSync(file, 'utf8')) as AccountEntry[];

describe('lianluo accounts edit', () => {
  it('changes the console password to an env: reference, keeping the token and everything else', async () => {
    const { file, edit } = setUp();
    const run = await edit(['acme', '--console-password-env', 'ACME_PW']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(entries(file)).toEqual([{ ...ACME, console: { ...ACME.console, password: 'env:ACME_PW' } }, BETA]);
    expect(run.stdout).toContain('(the token is kept):\n  console.password: in the file → env:ACME_PW\n');
    expect(run.stdout).not.toContain('Enter the new settings on the platform');
    expect(run.stdout).not.toContain('npx lianluo url');
    expect(run.stdout).toMatch(/Next:\n {2}export ACCOUNTS_FILE=.*\n {2}export ACME_PW=…[^\n]*\n {2}# restart the bot[^\n]*\n {2}npx lianluo doctor/);
    for (const secret of [TOKEN, PASSWORD]) expect(run.stdout).not.toContain(secret);
  });

  it('reads a new console password from stdin and a new username, never printing the password', async () => {
    const { file, edit } = setUp();
    const run = await edit(['acme', '--console-username', 'admin@acme', '--console-password-stdin'], 'the-new-pw-7\n');
    expect(run.code).toBe(0);
    expect(entries(file)[0]!.console).toEqual({ url: 'https://console.example', username: 'admin@acme', password: 'the-new-pw-7' });
    expect(run.stdout).toContain('  console.username: owner@acme → admin@acme\n  console.password: new value, in the file\n');
    expect(run.stdout + run.stderr).not.toContain('the-new-pw-7');
  });

  it('switches to safe mode with an AppID: a key is generated, the token kept, and the Next steps work in order', async () => {
    const { cwd, file, edit } = setUp();
    const run = await edit(['beta', '--mode', 'safe', '--app-id', 'wx0123456789abcdef']);
    expect(run.code).toBe(0);
    const beta = entries(file)[1]!;
    expect(beta).toMatchObject({ ...BETA, mode: 'safe', appId: 'wx0123456789abcdef' });
    expect(beta.encodingAESKey).toMatch(/^[A-Za-z0-9]{43}$/);
    expect(run.stdout).toContain('  mode: plain → safe\n  appId: none → wx0123456789abcdef\n  encodingAESKey: new, in the file\n');
    expect(run.stdout).toContain('Enter the new settings on the platform and restart the bot together');
    expect(run.stdout).not.toContain(beta.encodingAESKey!);
    const urls = await followNextSteps(run.stdout, cwd);
    expect(urls.map((u) => [u.code, u.stderr])).toEqual([[0, '']]);
    expect(urls[0]!.stdout).toContain('safe (安全模式)');
  });

  it('makes a new token only when asked, and says the platform needs it too', async () => {
    const { file, edit } = setUp();
    const run = await edit(['acme', '--new-token']);
    expect(run.code).toBe(0);
    const token = entries(file)[0]!.token;
    expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(token).not.toBe(TOKEN);
    expect(run.stdout).toContain('(the token changed):\n  token: new value, in the file\n');
    expect(run.stdout).toContain('npx lianluo url acme');
    expect(run.stdout).not.toContain(token);
  });

  it('adds a console login to an account without one, and removes one', async () => {
    const { file, edit } = setUp();
    const added = await edit(['beta', '--console-url', 'https://console.example', '--console-username', 'owner@beta', '--console-password-env', 'BETA_PW']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('  console: added, https://console.example as owner@beta, password env:BETA_PW\n');
    expect(entries(file)[1]!.console).toEqual({ url: 'https://console.example', username: 'owner@beta', password: 'env:BETA_PW' });
    const removed = await edit(['acme', '--remove-console']);
    expect(removed.code).toBe(0);
    expect(entries(file)[0]).toEqual({ id: 'acme', originalId: 'gh_0123456789ab', token: TOKEN, mode: 'plain' });
  });

  it.each<[string, string[], number, RegExp]>([
    ['nothing to change', ['acme'], 64, /nothing to change\nHow to fix: give at least one of --console-url/],
    ['an unknown account', ['nope', '--new-token'], 1, /no account "nope" in .*\nHow to fix: see the ids with: npx lianluo accounts list/],
    ['safe mode without an AppID', ['acme', '--mode', 'safe'], 64, /mode safe needs an AppID, and account "acme" has none/],
    ['a key in plain mode', ['acme', '--aes-key-env', 'ACME_KEY'], 64, /an EncodingAESKey is for compatible and safe modes/],
    ['a half console login', ['beta', '--console-url', 'https://c.example'], 64, /account "beta" has no console login yet: it needs --console-url, --console-username and a password/],
    ['a bad console URL', ['acme', '--console-url', 'ftp://c.example'], 64, /--console-url /],
    ['a bad variable name', ['acme', '--console-password-env', 'NOT-A-NAME'], 64, /--console-password-env NOT-A-NAME is not an environment variable name/],
    ['a bad AppID', ['acme', '--app-id', 'wx1'], 64, /--app-id must be wx followed by 16 hex digits/],
    ['removing and changing the console at once', ['acme', '--remove-console', '--console-url', 'https://c.example'], 64, /--remove-console cannot be used with/],
    ['two new tokens', ['acme', '--new-token', '--token', 'abcdef'], 64, /cannot be used with option/],
  ])('refuses %s and leaves the file as it was', async (_name, args, code, message) => {
    const { file, edit } = setUp();
    const before = readFileSync(file, 'utf8');
    const run = await edit(args);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(code);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a missing file (exit 78)', async () => {
    const run = await runLianluo(['accounts', 'edit', 'acme', '--new-token', '--file', path.join(tempDir(), 'none.json')]);
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/none\.json does not exist/);
  });

  it('takes the same lock as the other edits: two edits at once both land', async () => {
    const { file, edit } = setUp();
    const [one, two] = await Promise.all([edit(['acme', '--console-username', 'admin@acme']), edit(['beta', '--token-env', 'BETA_TOKEN_2'])]);
    expect([one.code, two.code]).toEqual([0, 0]);
    expect(entries(file).map((e) => [e.console?.username, e.token])).toEqual([['admin@acme', TOKEN], [undefined, 'env:BETA_TOKEN_2']]);
  });
});
