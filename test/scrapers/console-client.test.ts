import nock from 'nock';
import { SessionExpiredError } from '../../scrapers/console-errors';
import { MemorySessionVault } from '../../scrapers/session-vault';
import { consoleFixture } from './console-fixture';
import {
  BASE_URL,
  NOW,
  PASSWORD,
  PASSWORD_MD5,
  SID,
  TOKEN,
  USERNAME,
  expectLogin,
  makeClient,
  refererFor,
  rejectionOf,
  savedSession,
} from './console-client-harness';

const followerQuery = (token: string) => ({
  t: 'user/index',
  pagesize: '5',
  pageidx: '0',
  type: '0',
  groupid: '0',
  token,
  lang: 'zh_CN',
});
const OLD_TOKEN = '111111111';
const OLD_SID = 'T0xEU0lE';

describe('ConsoleClient: login and session', () => {
  it('logs in with the MD5 of the password and saves the token and cookies in the vault', async () => {
    const { client, vault, events } = makeClient();
    const scope = expectLogin(nock(BASE_URL));

    await client.login();

    scope.done();
    const saved = await vault.load();
    expect(saved).toMatchObject({ token: TOKEN, loggedInAt: NOW });
    const cookies = (JSON.parse(saved!.cookies) as { cookies: Array<{ key: string; value: string }> }).cookies;
    expect(cookies.map((c) => c.key).sort()).toEqual(['bizuin', 'cert', 'data_bizuin', 'data_ticket', 'slave_sid', 'slave_user']);
    expect(cookies.find((c) => c.key === 'slave_sid')?.value).toBe(SID);
    expect(events.filter((e) => e.kind === 'login')).toHaveLength(1);
  });

  it('logs in on the first call and sends cookies, token and a Referer on the console host', async () => {
    const { client, events } = makeClient();
    const scope = expectLogin(nock(BASE_URL))
      .get('/cgi-bin/contactmanage')
      .query(followerQuery(TOKEN))
      .matchHeader('cookie', new RegExp(`slave_sid=${SID}`))
      .matchHeader('cookie', /slave_user=gh_0123456789ab/)
      .matchHeader('referer', refererFor(TOKEN))
      .matchHeader('user-agent', /^Mozilla\/5\.0/)
      .reply(200, consoleFixture('follower-list.html'));

    const page = await client.followers({ pageIdx: 0, pageSize: 5 });

    scope.done();
    expect(page.totalCount).toBe(25);
    expect(events.map((e) => e.kind)).toEqual(['request', 'login', 'request']);
  });

  it('reuses a session saved in the vault after a restart, without logging in', async () => {
    const vault = new MemorySessionVault();
    await vault.save(savedSession());
    const { client, events } = makeClient({ vault });
    const scope = nock(BASE_URL)
      .get('/cgi-bin/contactmanage')
      .query(followerQuery(TOKEN))
      .matchHeader('cookie', new RegExp(`slave_sid=${SID}`))
      .reply(200, consoleFixture('follower-list.html'));

    await client.followers({ pageIdx: 0, pageSize: 5 });

    scope.done();
    expect(events.some((e) => e.kind === 'login')).toBe(false);
  });

  it('logs in once for two concurrent calls without a session', async () => {
    const { client } = makeClient();
    const scope = expectLogin(nock(BASE_URL))
      .get('/cgi-bin/contactmanage')
      .query(followerQuery(TOKEN))
      .reply(200, consoleFixture('follower-list.html'))
      .post('/cgi-bin/getcontactinfo', { ajax: '1', token: TOKEN })
      .query({ t: 'ajax-getcontactinfo', lang: 'zh_CN', fakeid: '1234567890' })
      .reply(200, consoleFixture('contact-info.json'));

    const [page, info] = await Promise.all([client.followers({ pageIdx: 0, pageSize: 5 }), client.contactInfo('1234567890')]);

    scope.done();
    expect(page.followers).toHaveLength(5);
    expect(info.nickName).toBe('小明');
  });

  it('drops an unreadable saved session and logs in', async () => {
    const vault = new MemorySessionVault();
    await vault.save({ token: OLD_TOKEN, cookies: 'not a jar', loggedInAt: 0 });
    const { client } = makeClient({ vault });
    const scope = expectLogin(nock(BASE_URL)).post('/cgi-bin/modifygroup').query(true).reply(200, consoleFixture('group-created.json'));

    await expect(client.createGroup('已识别')).resolves.toBe(101);
    scope.done();
    expect((await vault.load())?.token).toBe(TOKEN);
  });

  it('never reports the password, token, cookies or page in events or errors', async () => {
    const { client, events } = makeClient();
    const scope = expectLogin(nock(BASE_URL))
      .get('/cgi-bin/contactmanage')
      .query(true)
      .reply(200, consoleFixture('changed-page.html'));

    const error = await rejectionOf(client.followers({ pageIdx: 0, pageSize: 5 }));

    scope.done();
    const said = JSON.stringify(events) + String(error);
    for (const secret of [PASSWORD, PASSWORD_MD5, TOKEN, SID, USERNAME, 'wx.pageData', '<script']) {
      expect(said).not.toContain(secret);
    }
  });
});

describe('ConsoleClient: expiry', () => {
  const withOldSession = async () => {
    const vault = new MemorySessionVault();
    await vault.save(savedSession(OLD_TOKEN, OLD_SID));
    return makeClient({ vault });
  };
  const newCookieOnly = (cookie: string) => cookie.includes(`slave_sid=${SID}`) && !cookie.includes(OLD_SID);

  it.each<[string, (scope: nock.Interceptor) => nock.Scope]>([
    ['the login-timeout page', (i) => i.reply(200, consoleFixture('login-timeout.html'))],
    ['cookies re-set to EXPIRED', (i) => i.reply(200, '', { 'Set-Cookie': [`slave_sid=EXPIRED; Path=/`, 'slave_user=EXPIRED; Path=/'] })],
  ])('a page answered with %s: logs in once and retries once', async (_label, expire) => {
    const { client, vault, events } = await withOldSession();
    const scope = nock(BASE_URL);
    expire(scope.get('/cgi-bin/message').query(true).matchHeader('cookie', new RegExp(`slave_sid=${OLD_SID}`)));
    expectLogin(scope)
      .get('/cgi-bin/message')
      .query({ t: 'message/list', count: '20', day: '7', offset: '0', filterivrmsg: '0', token: TOKEN, lang: 'zh_CN' })
      .matchHeader('cookie', newCookieOnly)
      .matchHeader('referer', refererFor(TOKEN))
      .reply(200, consoleFixture('message-list.html'));

    const page = await client.messages({ offset: 0, count: 20 });

    scope.done();
    expect(page.items).toHaveLength(5);
    expect(events.filter((e) => e.kind === 'expired')).toEqual([{ kind: 'expired', step: 'message list' }]);
    expect(events.filter((e) => e.kind === 'login')).toHaveLength(1);
    expect((await vault.load())?.token).toBe(TOKEN);
  });

  it('an ajax answer with ret -20000: logs in once and retries once', async () => {
    const { client, events } = await withOldSession();
    const scope = nock(BASE_URL)
      .post('/cgi-bin/getcontactinfo', { ajax: '1', token: OLD_TOKEN })
      .query(true)
      .reply(200, consoleFixture('expired-ajax.json'));
    expectLogin(scope)
      .post('/cgi-bin/getcontactinfo', { ajax: '1', token: TOKEN })
      .query({ t: 'ajax-getcontactinfo', lang: 'zh_CN', fakeid: '1234567890' })
      .matchHeader('cookie', newCookieOnly)
      .reply(200, consoleFixture('contact-info.json'));

    await expect(client.contactInfo('1234567890')).resolves.toMatchObject({ fakeId: '1234567890' });
    scope.done();
    expect(events.filter((e) => e.kind === 'login')).toHaveLength(1);
  });

  it('a second expiry after the new login rejects with SessionExpiredError', async () => {
    const { client, events } = await withOldSession();
    const scope = nock(BASE_URL).get('/cgi-bin/contactmanage').query(true).reply(200, consoleFixture('login-timeout.html'));
    expectLogin(scope).get('/cgi-bin/contactmanage').query(followerQuery(TOKEN)).reply(200, consoleFixture('login-timeout.html'));

    const error = await rejectionOf(client.followers({ pageIdx: 0, pageSize: 5 }));

    scope.done();
    expect(error).toBeInstanceOf(SessionExpiredError);
    expect(events.filter((e) => e.kind === 'login')).toHaveLength(1);
  });

  it('takes the session another process saved meanwhile instead of logging in', async () => {
    const { client, vault } = await withOldSession();
    const scope = nock(BASE_URL)
      .post('/cgi-bin/modifycontacts', { contacttype: '100', tofakeidlist: '1|2', token: OLD_TOKEN, ajax: '1' })
      .query(true)
      .reply(200, '{"ret":"0"}')
      .post('/cgi-bin/modifycontacts')
      .query(true)
      .reply(200, consoleFixture('expired-ajax.json'))
      .post('/cgi-bin/modifycontacts', { contacttype: '100', tofakeidlist: '3', token: TOKEN, ajax: '1' })
      .query(true)
      .matchHeader('cookie', newCookieOnly)
      .reply(200, consoleFixture('group-moved.json'));

    await client.moveToGroup(100, ['1', '2']); // the client now holds the old session in memory
    await vault.save(savedSession(TOKEN, SID)); // another process logged in
    await client.moveToGroup(100, ['3']);

    scope.done();
  });

  it('probe: false without a session and without any request', async () => {
    const { client, events } = makeClient();
    await expect(client.probe()).resolves.toBe(false);
    expect(events).toEqual([]);
  });

  it.each<[string, string, boolean]>([
    ['a valid session', 'regions.json', true],
    ['an expired session', 'expired-ajax.json', false],
    ['the login-timeout page', 'login-timeout.html', false],
  ])('probe with %s (%s) → %s, never logging in', async (_label, fixture, valid) => {
    const vault = new MemorySessionVault();
    await vault.save(savedSession());
    const { client, events } = makeClient({ vault });
    const scope = nock(BASE_URL)
      .post('/cgi-bin/getregions', { ajax: '1', token: TOKEN })
      .query({ id: '1017', t: 'ajax-getregions', lang: 'zh_CN' })
      .matchHeader('cookie', new RegExp(`slave_sid=${SID}`))
      .matchHeader('referer', refererFor(TOKEN))
      .reply(200, consoleFixture(fixture));

    await expect(client.probe()).resolves.toBe(valid);
    scope.done();
    expect(events.some((e) => e.kind === 'login')).toBe(false);
  });
});
