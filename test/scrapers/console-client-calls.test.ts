import nock from 'nock';
import { ConsoleSendError, ScrapeError, type SendFailure } from '../../scrapers/console-errors';
import { MemorySessionVault } from '../../scrapers/session-vault';
import { consoleFixture } from './console-fixture';
import { BASE_URL, SID, TOKEN, makeClient, refererFor, rejectionOf, savedSession } from './console-client-harness';

/** A client that already has a session (saved by an earlier process), and a scope expecting its cookies. */
async function withSession(timeoutMs?: number) {
  const vault = new MemorySessionVault();
  await vault.save(savedSession());
  const harness = makeClient({ vault, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
  const scope = nock(BASE_URL, {
    reqheaders: { cookie: new RegExp(`slave_sid=${SID}`), referer: refererFor(TOKEN), 'user-agent': /^Mozilla\/5\.0/ },
  });
  return { ...harness, scope };
}

const form = /^application\/x-www-form-urlencoded/;

describe('ConsoleClient: the requests of docs/protocol.md §3.3–3.8', () => {
  it('followers: contactmanage with page, size and group', async () => {
    const { client, scope } = await withSession();
    scope
      .get('/cgi-bin/contactmanage')
      .query({ t: 'user/index', pagesize: '10', pageidx: '2', type: '0', groupid: '100', token: TOKEN, lang: 'zh_CN' })
      .reply(200, consoleFixture('follower-list.html'));

    const page = await client.followers({ pageIdx: 2, pageSize: 10, groupId: 100 });

    scope.done();
    expect(page.followers[0]).toEqual({ fakeId: '2087654321', nickName: 'Alice', remarkName: '', groupId: 0 });
  });

  it('contactInfo: getcontactinfo with the FakeID in the query', async () => {
    const { client, scope } = await withSession();
    scope
      .post('/cgi-bin/getcontactinfo', { ajax: '1', token: TOKEN })
      .query({ t: 'ajax-getcontactinfo', lang: 'zh_CN', fakeid: '1234567890' })
      .matchHeader('content-type', form)
      .reply(200, consoleFixture('contact-info.json'));

    await expect(client.contactInfo('1234567890')).resolves.toMatchObject({ userName: 'xiaoming_88', gender: 1 });
    scope.done();
  });

  it('avatar: getheadimg answers JPEG bytes', async () => {
    const { client, scope } = await withSession();
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);
    scope
      .get('/cgi-bin/getheadimg')
      .query({ fakeid: '1234567890', token: TOKEN })
      .reply(200, jpeg, { 'Content-Type': 'image/jpeg' });

    const image = await client.avatar('1234567890');

    scope.done();
    expect(Buffer.isBuffer(image)).toBe(true);
    expect(image.equals(jpeg)).toBe(true);
  });

  it('messages: message list with day=7 and filterivrmsg=0', async () => {
    const { client, scope } = await withSession();
    scope
      .get('/cgi-bin/message')
      .query({ t: 'message/list', count: '50', day: '7', offset: '100', filterivrmsg: '0', token: TOKEN, lang: 'zh_CN' })
      .reply(200, consoleFixture('message-list.html'));

    await expect(client.messages({ offset: 100, count: 50 })).resolves.toMatchObject({ totalCount: 5 });
    scope.done();
  });

  it('conversation: singlesendpage since a time', async () => {
    const { client, scope } = await withSession();
    scope
      .get('/cgi-bin/singlesendpage')
      .query({
        tofakeid: '2087654321',
        action: 'sync',
        lastmsgfromfakeid: '0',
        lastmsgid: '0',
        createtime: '1385000040',
        token: TOKEN,
        lang: 'zh_CN',
        f: 'json',
        ajax: '1',
      })
      .reply(200, consoleFixture('conversation.json'));

    await expect(client.conversation('2087654321', 1385000040)).resolves.toMatchObject({ toNickName: 'Alice' });
    scope.done();
  });

  it('send: singlesend with the text as typed', async () => {
    const { client, scope } = await withSession();
    const content = '你好 & welcome\n#k3f9q2 100%';
    scope
      .post('/cgi-bin/singlesend', { tofakeid: '2087654321', type: '1', content, token: TOKEN, ajax: '1', imgcode: '' })
      .query({ t: 'ajax-response', lang: 'zh_CN' })
      .matchHeader('content-type', form)
      .reply(200, consoleFixture('send-ok.json'));

    await client.send('2087654321', content);
    scope.done();
  });

  it('createGroup: modifygroup func=add', async () => {
    const { client, scope } = await withSession();
    scope
      .post('/cgi-bin/modifygroup', { func: 'add', name: '已识别', token: TOKEN, ajax: '1' })
      .query({ t: 'ajax-friend-group' })
      .reply(200, consoleFixture('group-created.json'));

    await expect(client.createGroup('已识别')).resolves.toBe(101);
    scope.done();
  });

  it('moveToGroup: modifycontacts with FakeIDs joined by |', async () => {
    const { client, scope } = await withSession();
    scope
      .post('/cgi-bin/modifycontacts', { contacttype: '100', tofakeidlist: '2087654321|987654', token: TOKEN, ajax: '1' })
      .query({ action: 'modifycontacts', t: 'ajax-putinto-group' })
      .reply(200, consoleFixture('group-moved.json'));

    await client.moveToGroup(100, ['2087654321', '987654']);
    scope.done();
  });

  it('moveToGroup with no FakeIDs sends nothing', async () => {
    const { client, events } = await withSession();
    await client.moveToGroup(100, []);
    expect(events).toEqual([]);
  });
});

describe('ConsoleClient: refusals and failures', () => {
  it.each<[string, SendFailure, string]>([
    ['send-customer-block.json', 'customer-block', '10706'],
    ['send-unknown-fakeid.json', 'unknown-fakeid', '-21'],
    ['send-unknown-fakeid-10700.json', 'unknown-fakeid', '10700'],
    ['send-captcha.json', 'captcha', '-6'],
    ['send-other.json', 'other', '-1'],
  ])('send answered with %s → ConsoleSendError %s, no retry', async (fixture, failure, ret) => {
    const { client, scope, events } = await withSession();
    scope.post('/cgi-bin/singlesend').query(true).reply(200, consoleFixture(fixture));

    const error = await rejectionOf(client.send('2087654321', 'hello'));

    scope.done();
    expect(error).toBeInstanceOf(ConsoleSendError);
    expect(error).toMatchObject({ failure, ret, transient: false });
    expect(events.filter((e) => e.kind === 'request')).toHaveLength(1);
  });

  it.each<[string, (i: nock.Interceptor) => nock.Scope, boolean, RegExp]>([
    ['HTTP 502', (i) => i.reply(502, '<html>Bad Gateway</html>'), true, /HTTP 502/],
    ['HTTP 503', (i) => i.reply(503), true, /HTTP 503/],
    ['a reset connection', (i) => i.replyWithError({ code: 'ECONNRESET', message: `socket hang up ${TOKEN}` }), true, /network error/],
    ['HTTP 404', (i) => i.reply(404, 'Not Found'), false, /HTTP 404/],
    ['HTTP 302', (i) => i.reply(302, '', { Location: '/' }), false, /HTTP 302/],
  ])('%s → ScrapeError, transient %s', async (_label, answer, transient, message) => {
    const { client, scope } = await withSession();
    answer(scope.get('/cgi-bin/message').query(true));

    const error = await rejectionOf(client.messages({ offset: 0, count: 20 }));

    scope.done();
    expect(error).toBeInstanceOf(ScrapeError);
    expect(error).toMatchObject({ step: 'message list', transient });
    expect(String(error)).toMatch(message);
    expect(String(error)).not.toContain(TOKEN);
    expect(String(error)).not.toContain('Bad Gateway');
  });

  it('a console slower than the timeout → transient ScrapeError', async () => {
    const { client, scope } = await withSession(50);
    scope.get('/cgi-bin/message').query(true).delay(500).reply(200, consoleFixture('message-list.html'));

    const error = await rejectionOf(client.messages({ offset: 0, count: 20 }));

    expect(error).toBeInstanceOf(ScrapeError);
    expect(error).toMatchObject({ transient: true, message: 'message list: timeout' });
    scope.done();
  });

  it('a login the network fails is a transient ScrapeError and stops nothing', async () => {
    const { client, vault } = makeClient();
    const scope = nock(BASE_URL).post('/cgi-bin/login').query(true).replyWithError({ code: 'ECONNREFUSED' });

    const error = await rejectionOf(client.login());

    scope.done();
    expect(error).toMatchObject({ step: 'login', transient: true });
    expect(await vault.loginBlock()).toBeNull();
  });
});
