import path from 'node:path';
import { publicBaseUrl, readEnvConfig } from '../../src/config/env-config';
import { ConfigError } from '../../src/errors';

describe('readEnvConfig', () => {
  it('has embedded defaults with nothing set', () => {
    expect(readEnvConfig({})).toEqual({
      port: 3000,
      publicUrl: undefined,
      redisUrl: undefined,
      mongodbUri: undefined,
      dataDir: path.resolve('./data'),
      accountsFile: undefined,
      replyBudgetMs: 4500,
      profileRefreshDays: 7,
      sandboxPort: 4010,
      sandboxHost: '127.0.0.1',
    });
  });

  it.each([
    ['1', true], ['true', true], ['yes', true], ['0', false], ['false', false], ['no', false],
  ])('reads SANDBOX=%s as %s', (value, expected) => {
    expect(readEnvConfig({ SANDBOX: value }).sandbox).toBe(expected);
  });

  it('refuses an unclear SANDBOX with the fix', () => {
    expect(() => readEnvConfig({ SANDBOX: 'maybe' })).toThrow(ConfigError);
    expect(() => readEnvConfig({ SANDBOX: 'maybe' })).toThrow(/SANDBOX is invalid/);
  });

  it('reads every variable', () => {
    const config = readEnvConfig({
      PORT: '8080',
      PUBLIC_URL: 'https://bot.example.com/',
      REDIS_URL: 'redis://127.0.0.1:6379',
      MONGODB_URI: 'mongodb://db:27017/lianluo',
      DATA_DIR: '/var/lib/lianluo',
      ACCOUNTS_FILE: 'accounts.json',
      LOG_LEVEL: 'warn',
      REPLY_BUDGET_MS: '3000',
      PROFILE_REFRESH_DAYS: '30',
      SANDBOX_PORT: '0',
      SANDBOX_HOST: '0.0.0.0',
    });
    expect(config).toMatchObject({
      port: 8080,
      publicUrl: 'https://bot.example.com',
      redisUrl: 'redis://127.0.0.1:6379',
      mongodbUri: 'mongodb://db:27017/lianluo',
      dataDir: '/var/lib/lianluo',
      accountsFile: 'accounts.json',
      logLevel: 'warn',
      replyBudgetMs: 3000,
      profileRefreshDays: 30,
      sandboxPort: 0,
      sandboxHost: '0.0.0.0',
    });
  });

  it('reads SECRET_KEY of 32 characters or more, and leaves it unset otherwise (the stored secret is used)', () => {
    const key = 'k'.repeat(31) + 'Z';
    expect(readEnvConfig({ SECRET_KEY: key }).secretKey).toBe(key);
    expect(readEnvConfig({}).secretKey).toBeUndefined();
    expect(readEnvConfig({ SECRET_KEY: '   ' }).secretKey).toBeUndefined();
  });

  it('never repeats a refused SECRET_KEY in its message or fix', () => {
    const value = 'my-31-character-secret-value-xy';
    let error: ConfigError | undefined;
    try {
      readEnvConfig({ SECRET_KEY: value });
    } catch (thrown) {
      error = thrown as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(`${error!.message} ${error!.fix}`).not.toContain(value);
  });

  it('publicBaseUrl is PUBLIC_URL, else localhost on the port listened on', () => {
    expect(publicBaseUrl(readEnvConfig({ PUBLIC_URL: 'https://bot.example.com/' }), 4321)).toBe('https://bot.example.com');
    expect(publicBaseUrl(readEnvConfig({}), 4321)).toBe('http://localhost:4321');
  });

  it('treats empty variables as unset', () => {
    expect(readEnvConfig({ REDIS_URL: '', PORT: ' ' }).redisUrl).toBeUndefined();
  });

  it.each([
    ['PORT', 'abc', /PORT is invalid/, /port number/],
    ['REDIS_URL', 'http://x', /REDIS_URL is invalid/, /redis:\/\/127\.0\.0\.1:6379/],
    ['MONGODB_URI', 'postgres://x', /MONGODB_URI is invalid/, /mongodb:\/\//],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL is invalid/, /one of fatal/],
    ['REPLY_BUDGET_MS', '6000', /REPLY_BUDGET_MS is invalid/, /platform waits 5000/],
    ['SECRET_KEY', 'short-secret-1234', /SECRET_KEY is invalid: must be at least 32 characters/, /at least 32 random characters.*or unset it/],
    ['PROFILE_REFRESH_DAYS', '0', /PROFILE_REFRESH_DAYS is invalid/, /whole number of days from 1 to 365/],
    ['PROFILE_REFRESH_DAYS', '2.5', /PROFILE_REFRESH_DAYS is invalid/, /whole number of days/],
    ['PROFILE_REFRESH_DAYS', 'weekly', /PROFILE_REFRESH_DAYS is invalid/, /or unset it for 7/],
  ])('%s=%s names the variable and the fix', (name, value, message, fix) => {
    let error: unknown;
    try {
      readEnvConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
    expect((error as ConfigError).fix).toMatch(fix);
  });
});
