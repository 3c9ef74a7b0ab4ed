import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Account } from '../../src/config/account';
import { embeddedStores } from '../builders/test-bot';
import { startBotServer, type BotServer } from '../builders/bot-server';
import { accountsFile, PLAIN, SAFE, secrets } from './plain-and-safe-accounts';
import { runLianluo, tempDir } from './run-lianluo';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'pushes', 'text.xml');
const ENCRYPTED = path.join(__dirname, '..', 'fixtures', 'pushes', 'encrypted-text.xml');
const OPEN_ID = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';
/** The made-up key and AppID encrypted-text.xml was encrypted with (see message-cipher.test.ts). */
const FIXTURE_SAFE: Account = {
  id: 'fixture', originalId: 'gh_cccccccccccc', token: 'fixturetoken', mode: 'safe',
  encodingAESKey: 'LianluoTestEncodingAesKey0123456789abcdefgh', appId: 'wx3f9a0c2b7d1e4f68',
};

/** An accounts file of `accounts` as they are (no env: references). */
function fileOf(...accounts: Account[]): string {
  const file = path.join(tempDir(), 'accounts.json');
  writeFileSync(file, JSON.stringify(accounts));
  return file;
}

describe('lianluo replay', () => {
  let bot: BotServer;
  beforeAll(async () => {
    bot = await startBotServer({ accounts: [PLAIN, SAFE, FIXTURE_SAFE], stores: embeddedStores() });
  });
  afterAll(async () => {
    await bot.close();
  });

  it('signs a plain push with the account token and prints the reply to the follower', async () => {
    const run = await runLianluo(['replay', FIXTURE, '--account', 'acme', '--url', bot.url, '--fresh'], { env: { ...secrets, ACCOUNTS_FILE: accountsFile() } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^HTTP 200\n<xml>/);
    expect(run.stdout).toContain(`<ToUserName><![CDATA[${OPEN_ID}]]></ToUserName>`);
    expect(run.stdout).toContain(`<FromUserName><![CDATA[${PLAIN.originalId}]]></FromUserName>`);
  });

  it('encrypts for a safe account and prints the decrypted reply', async () => {
    const run = await runLianluo(['replay', FIXTURE, '--account', 'secure', '--url', bot.url, '--fresh'], { env: { ...secrets, ACCOUNTS_FILE: accountsFile() } });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('<Encrypt><![CDATA[');
    expect(run.stdout).toMatch(/\ndecrypted:\n<xml>[\s\S]*<ToUserName><!\[CDATA\[oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u\]\]><\/ToUserName>/);
  });

  it("works while another account's env: secret is unset, and names the account whose own is unset", async () => {
    const file = accountsFile();
    const ok = await runLianluo(['replay', FIXTURE, '--account', 'acme', '--url', bot.url, '--fresh'], { env: { ACCOUNTS_FILE: file, ACME_TOKEN: PLAIN.token } });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^HTTP 200\n/);
    const refused = await runLianluo(['replay', FIXTURE, '--account', 'secure', '--url', bot.url], { env: { ACCOUNTS_FILE: file, ACME_TOKEN: PLAIN.token, SECURE_AES_KEY: 'x' } });
    expect(refused.code).toBe(78);
    expect(refused.stderr).toMatch(/: account "secure": token refers to env:SECURE_TOKEN, which is not set\nHow to fix: export SECURE_TOKEN=/);
  });

  it('replays an encrypted push through a safe account with its key: decrypted, then signed and encrypted anew', async () => {
    const run = await runLianluo(['replay', ENCRYPTED, '--account', 'fixture', '--url', bot.url, '--fresh', '--file', fileOf(PLAIN, FIXTURE_SAFE)]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^HTTP 200\n/);
    expect(run.stdout).toMatch(/\ndecrypted:\n<xml>[\s\S]*<ToUserName><!\[CDATA\[oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u\]\]><\/ToUserName>/);
  });

  it.each<[string, string, RegExp]>([
    ['a plain account', 'acme', /encrypted-text\.xml is an encrypted push \(it has <Encrypt>\): it needs an account in mode compatible or safe, with its EncodingAESKey, and account "acme" is in plain mode/],
    ['a safe account with another key', 'secure', /encrypted-text\.xml is an encrypted push that account "secure" \(mode safe\) cannot decrypt: it was encrypted with another EncodingAESKey or AppID/],
  ])('refuses an encrypted push for %s, saying what it needs (exit 64), and posts nothing', async (_name, id, message) => {
    const run = await runLianluo(['replay', ENCRYPTED, '--account', id, '--url', 'http://127.0.0.1:9', '--file', fileOf(PLAIN, SAFE)]);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('How to fix: replay it with --account <an account in mode compatible or safe');
    expect(run.stdout).toBe('');
  });

  it('exits 1 when the bot refuses the push (a token the bot does not have)', async () => {
    const file = path.join(tempDir(), 'accounts.json');
    writeFileSync(file, JSON.stringify([{ ...PLAIN, token: 'not-the-bots-token' }]));
    const run = await runLianluo(['replay', FIXTURE, '--account', 'acme', '--url', bot.url, '--fresh', '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^HTTP 401/);
  });

  it('says how to fix a missing --account (exit 64) and a missing file (exit 78)', async () => {
    const usage = await runLianluo(['replay', FIXTURE]);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toContain("required option '--account <id>' not specified");
    const missing = await runLianluo(['replay', 'nope.xml', '--account', 'demo', '--url', bot.url]);
    expect(missing.code).toBe(78);
    expect(missing.stderr).toContain('cannot read nope.xml');
  });

  it('says when the bot cannot be reached (exit 1)', async () => {
    const run = await runLianluo(['replay', FIXTURE, '--account', 'demo', '--url', 'http://127.0.0.1:9']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: cannot reach the bot at http://127.0.0.1:9: ');
    expect(run.stderr).toContain('How to fix: start it (npm start) or pass --url <base>');
  });
});
