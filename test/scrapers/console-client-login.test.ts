import nock from 'nock';
import { ConsoleLoginError, LoginsStoppedError, ScrapeError } from '../../scrapers/console-errors';
import { MemorySessionVault } from '../../scrapers/session-vault';
import { consoleFixture } from './console-fixture';
import { BASE_URL, NOW, PASSWORD_MD5, SID, TOKEN, USERNAME, expectLogin, makeClient, rejectionOf } from './console-client-harness';

describe('ConsoleClient: refused logins', () => {
  it.each<[string, string, number]>([
    ['login-wrong-password.json', 'wrong-password', -3],
    ['login-captcha.json', 'captcha', -6],
    ['login-banned.json', 'banned', -7],
  ])('%s: rejects, stops logins in the vault, and the next call makes no request', async (fixture, failure, errCode) => {
    const { client, vault, events } = makeClient();
    const scope = expectLogin(nock(BASE_URL), fixture);

    const first = await rejectionOf(client.followers({ pageIdx: 0, pageSize: 5 }));

    scope.done();
    expect(first).toBeInstanceOf(ConsoleLoginError);
    expect(first).toMatchObject({ failure, errCode, needsOwner: true });
    expect(await vault.loginBlock()).toEqual({ failure, errCode, since: NOW });
    expect(events.filter((e) => e.kind === 'login-failed')).toHaveLength(1);

    const requestsBefore = events.filter((e) => e.kind === 'request').length;
    const second = await rejectionOf(client.messages({ offset: 0, count: 20 }));
    expect(second).toBeInstanceOf(LoginsStoppedError);
    expect(second).toMatchObject({ block: { failure, errCode } });
    expect(events.filter((e) => e.kind === 'request')).toHaveLength(requestsBefore);
  });

  it('retries a system error (-1) with backoff, then succeeds', async () => {
    const { client, vault, sleeps } = makeClient();
    const scope = nock(BASE_URL);
    expectLogin(scope, 'login-system-error.json');
    expectLogin(scope, 'login-system-error.json');
    expectLogin(scope);

    await client.login();

    scope.done();
    expect(sleeps).toEqual([500, 1000]);
    expect((await vault.load())?.token).toBe(TOKEN);
    expect(await vault.loginBlock()).toBeNull();
  });

  it('gives up after three system errors without stopping logins', async () => {
    const { client, vault, sleeps } = makeClient();
    const scope = nock(BASE_URL);
    for (let i = 0; i < 3; i += 1) expectLogin(scope, 'login-system-error.json');

    const error = await rejectionOf(client.login());

    scope.done();
    expect(error).toMatchObject({ failure: 'system', errCode: -1, transient: true });
    expect(sleeps).toEqual([500, 1000]);
    expect(await vault.loginBlock()).toBeNull();
  });

  it('a login with a captcha answer uses the captcha cookies and goes through a stop', async () => {
    const vault = new MemorySessionVault();
    await vault.blockLogins({ failure: 'captcha', errCode: -6, since: NOW - 1000 });
    const { client } = makeClient({ vault });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    const scope = nock(BASE_URL)
      .get('/cgi-bin/verifycode')
      .query({ username: USERNAME, r: String(NOW) })
      .reply(200, jpeg, { 'Set-Cookie': 'sig=Q0FQVENIQQ; Path=/', 'Content-Type': 'image/jpeg' })
      .post('/cgi-bin/login', { username: USERNAME, pwd: PASSWORD_MD5, imgcode: 'x7kq', f: 'json' })
      .query({ lang: 'zh_CN' })
      .matchHeader('cookie', /sig=Q0FQVENIQQ/)
      .reply(200, consoleFixture('login-ok.json'), { 'Set-Cookie': `slave_sid=${SID}; Path=/` });

    await expect(client.captchaImage()).resolves.toEqual(jpeg);
    await client.login('x7kq');

    scope.done();
    expect((await vault.load())?.token).toBe(TOKEN);
  });

  it('an automatic login while logins are stopped throws LoginsStoppedError', async () => {
    const vault = new MemorySessionVault();
    await vault.blockLogins({ failure: 'wrong-password', errCode: -3, since: NOW });
    const { client, events } = makeClient({ vault });

    await expect(client.login()).rejects.toBeInstanceOf(LoginsStoppedError);
    await expect(client.send('1', 'hi')).rejects.toBeInstanceOf(LoginsStoppedError);
    expect(events).toEqual([]);
  });

  it('a login whose answer lacks the token is a ConsoleChangedError, not a stop', async () => {
    const { client, vault } = makeClient();
    const scope = expectLogin(nock(BASE_URL), 'login-no-token.json');

    const error = await rejectionOf(client.login());

    scope.done();
    expect(error).toBeInstanceOf(ScrapeError);
    expect(String(error)).toMatch(/no token/);
    expect(await vault.loginBlock()).toBeNull();
  });
});
