import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { embeddedStores } from '../builders/test-bot';
import { startBotServer, type BotServer } from '../builders/bot-server';
import { accountsFile, PLAIN, SAFE, secrets } from './plain-and-safe-accounts';
import { runLianluo, tempDir } from './run-lianluo';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'pushes', 'text.xml');
const OPEN_ID = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';

describe('lianluo replay', () => {
  let bot: BotServer;
  beforeAll(async () => {
    bot = await startBotServer({ accounts: [PLAIN, SAFE], stores: embeddedStores() });
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
