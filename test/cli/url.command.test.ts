import { accountsFile, AES_KEY, PLAIN, SAFE, secrets } from './plain-and-safe-accounts';
import { runLianluo } from './run-lianluo';

describe('lianluo url', () => {
  it('shows the demo account when no accounts file is set, and warns that localhost is unreachable', async () => {
    const run = await runLianluo(['url', 'demo']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/URL \(服务器地址\) +http:\/\/localhost:3000\/webhooks\/demo\n/);
    expect(run.stdout).toMatch(/Token \(令牌\) +demo\n/);
    expect(run.stdout).toContain('plain (明文模式)');
    expect(run.stdout).not.toContain('EncodingAESKey');
    expect(run.stdout).toContain('the platform cannot reach it');
  });

  it('shows URL, token, mode, EncodingAESKey and AppID of a safe account, secrets resolved from the environment', async () => {
    const run = await runLianluo(['url', 'secure'], { env: { ...secrets, ACCOUNTS_FILE: accountsFile(), PUBLIC_URL: 'https://bot.example.com/' } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/URL \(服务器地址\) +https:\/\/bot\.example\.com\/webhooks\/secure\n/);
    expect(run.stdout).toMatch(/Token \(令牌\) +securetoken\n/);
    expect(run.stdout).toContain('safe (安全模式)');
    expect(run.stdout).toMatch(new RegExp(`EncodingAESKey \\(消息加解密密钥\\) +${AES_KEY}\\n`));
    expect(run.stdout).toMatch(/AppID \(开发者ID\) +wx0123456789abcdef\n/);
    expect(run.stdout).not.toContain('cannot reach');
  });

  it('--public-url wins over PUBLIC_URL; --json prints the same settings', async () => {
    const run = await runLianluo(['url', 'acme', '--json', '--public-url', 'https://other.example'], {
      env: { ...secrets, ACCOUNTS_FILE: accountsFile(), PUBLIC_URL: 'https://bot.example.com' },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ account: 'acme', originalId: PLAIN.originalId, url: 'https://other.example/webhooks/acme', token: 'acmetoken', mode: 'plain' });
  });

  it("works while another account's env: secret is unset: only this account's are read", async () => {
    const run = await runLianluo(['url', 'acme', '--json'], { env: { ACCOUNTS_FILE: accountsFile(), ACME_TOKEN: PLAIN.token } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ account: 'acme', token: 'acmetoken' });
  });

  it.each<[string, string[], NodeJS.ProcessEnv, number, RegExp]>([
    ['an unset secret', ['url', 'acme'], { ACCOUNTS_FILE: 'FILE' }, 78, /: account "acme": token refers to env:ACME_TOKEN, which is not set\nHow to fix: export ACME_TOKEN=/],
    [
      'its own unset secret, another account\'s being set',
      ['url', 'secure'],
      { ACCOUNTS_FILE: 'FILE', ACME_TOKEN: PLAIN.token, SECURE_TOKEN: SAFE.token },
      78,
      /: account "secure": encodingAESKey refers to env:SECURE_AES_KEY, which is not set\nHow to fix: export SECURE_AES_KEY=/,
    ],
    ['an unknown account', ['url', 'nope'], { ...secrets, ACCOUNTS_FILE: 'FILE' }, 78, /no account "nope"\nHow to fix: use one of: acme, secure/],
    ['a bad --public-url', ['url', 'demo', '--public-url', 'ftp://x'], {}, 64, /--public-url ftp:\/\/x is not an http\(s\) URL/],
  ])('refuses %s', async (_name, argv, env, code, message) => {
    const file = accountsFile();
    const run = await runLianluo(argv, { env: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === 'FILE' ? file : v])) });
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(message);
  });
});
