/**
 * A person's profile changed through the control API (`PATCH /_sandbox/people/:fakeId`) shows on
 * every console page the bot reads, as the bot's own parsers read them; and a sandbox can play a
 * second platform with FakeIDs of its own.
 */
import { parseContactInfo } from '../../scrapers/parse-contact-info';
import { parseFollowerPage } from '../../scrapers/parse-follower-page';
import { parseMessageList } from '../../scrapers/parse-message-list';
import { startSandbox } from '../../sandbox/create-sandbox';
import type { PlatformEvent } from '../../sandbox/platform-events';
import { consoleGet, consolePost, login, type ConsoleSession } from './console-kit';
import { ACCOUNT, addAccount, addPerson, control, startWorld, type World } from './sandbox-kit';

const LI_LEI = { nickName: '李雷', userName: 'li_lei', signature: '周末爬白云山', country: '中国', province: '广东', city: '广州', gender: 1 };

describe('changing a person’s console profile through the control API', () => {
  let world: World;
  let fakeId: string;
  let session: ConsoleSession;

  beforeEach(async () => {
    world = await startWorld();
    await addAccount(world);
    fakeId = (await control<{ fakeId: string }>(world.sandbox, 'POST', '/people', LI_LEI)).json.fakeId;
    await control(world.sandbox, 'POST', '/follow', { account: ACCOUNT.id, fakeId, push: false });
    await control(world.sandbox, 'POST', '/send', { account: ACCOUNT.id, fakeId, type: 'text', content: 'hello' });
    session = (await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).session!;
  });
  afterEach(() => world.close());

  const contactInfo = async () => parseContactInfo(JSON.stringify(
    await consolePost(world.sandbox, session, `/cgi-bin/getcontactinfo?t=ajax-getcontactinfo&lang=zh_CN&fakeid=${fakeId}`),
  ));
  const followerPage = async () => parseFollowerPage(await (await consoleGet(
    world.sandbox, session, `/cgi-bin/contactmanage?t=user/index&pagesize=10&pageidx=0&type=0&token={token}&lang=zh_CN`,
  )).text());
  const messagePage = async () => parseMessageList(await (await consoleGet(
    world.sandbox, session, `/cgi-bin/message?t=message/list&count=20&day=7&offset=0&token={token}&lang=zh_CN`,
  )).text());

  it('changes nickname, region, signature and gender, and every console page the bot reads shows the new values', async () => {
    expect(await contactInfo()).toMatchObject({ nickName: '李雷', signature: '周末爬白云山', city: '广州', gender: 1 });

    const patch = { nickName: '李雷 Lei', signature: '改成跑步了', country: '中国', province: '北京', city: '海淀', gender: 2 };
    const changed = await control<Record<string, unknown>>(world.sandbox, 'PATCH', `/people/${fakeId}`, patch);
    expect(changed.status).toBe(200);
    expect(changed.json).toEqual({ ...LI_LEI, ...patch, fakeId });

    expect(await contactInfo()).toEqual({ ...LI_LEI, ...patch, fakeId, remarkName: '', groupId: 0 });
    expect((await followerPage()).followers).toEqual([expect.objectContaining({ fakeId, nickName: '李雷 Lei' })]);
    expect((await messagePage()).items).toEqual([expect.objectContaining({ fakeId, nickName: '李雷 Lei', content: 'hello' })]);
    expect((await control<Array<{ nickName: string }>>(world.sandbox, 'GET', '/people')).json.map((p) => p.nickName)).toEqual(['李雷 Lei']);
  });

  it('changes only the fields given, and tells the chat page which person changed', async () => {
    const events: PlatformEvent[] = [];
    world.sandbox.platform.events.on((event) => void events.push(event));
    await control(world.sandbox, 'PATCH', `/people/${fakeId}`, { signature: '' });
    expect(await contactInfo()).toMatchObject({ nickName: '李雷', signature: '', province: '广东', gender: 1 });
    expect(events).toEqual([{ type: 'person', fakeId }]);
  });

  it.each<[string, unknown, RegExp]>([
    ['an empty body', {}, /^body: give at least one of nickName/],
    ['an empty nickname', { nickName: '' }, /^nickName: nickName is 1-64 characters/],
    ['a nickname of 65 characters', { nickName: '李'.repeat(65) }, /^nickName: nickName is 1-64 characters/],
    ['a signature of 121 characters', { signature: 'x'.repeat(121) }, /^signature: signature is at most 120 characters/],
    ['a city that is not text', { city: 7 }, /^city: /],
    ['gender 3', { gender: 3 }, /^gender: gender is 0 \(unknown\), 1 \(male\) or 2 \(female\)/],
    ['a field the console does not show', { email: 'li@example.com' }, /email/],
    ['the FakeID', { fakeId: '1' }, /fakeId/],
  ])('answers 400 for %s and changes nothing', async (_what, body, message) => {
    const { status, json } = await control<{ error: string }>(world.sandbox, 'PATCH', `/people/${fakeId}`, body);
    expect(status).toBe(400);
    expect(json.error).toMatch(message);
    expect(await contactInfo()).toMatchObject({ nickName: '李雷', signature: '周末爬白云山', city: '广州', gender: 1 });
  });

  it('counts characters, not UTF-16 units: 64 emoji are a valid nickname', async () => {
    expect((await control(world.sandbox, 'PATCH', `/people/${fakeId}`, { nickName: '😀'.repeat(64) })).status).toBe(200);
    expect((await contactInfo()).nickName).toBe('😀'.repeat(64));
  });

  it('answers 404 for a FakeID nobody has', async () => {
    const { status, json } = await control<{ error: string }>(world.sandbox, 'PATCH', '/people/1234', { nickName: 'x' });
    expect(status).toBe(404);
    expect(json.error).toBe('no person with fakeId 1234');
  });
});

describe('a sandbox playing a second platform', () => {
  it('names its platform and hands out FakeIDs from its own space, never the first one’s', async () => {
    const first = await startWorld();
    const second = await startSandbox({ platform: 'lab', fakeIdSpace: 1 });
    try {
      expect((await control(first.sandbox, 'GET', '/platform')).json).toEqual({ name: 'default', fakeIdSpace: 0, smsInboxUrl: first.sandbox.url });
      expect((await control(second, 'GET', '/platform')).json).toEqual({ name: 'lab', fakeIdSpace: 1, smsInboxUrl: second.url });
      const ids = async (sandbox: typeof second) => {
        const account = await control<{ fakeId: string }>(sandbox, 'POST', '/accounts', { ...ACCOUNT, webhookUrl: 'http://127.0.0.1:1/wx' });
        const people = [];
        for (const nick of ['Ann', 'Bob', 'Cat']) people.push((await control<{ fakeId: string }>(sandbox, 'POST', '/people', { nickName: nick })).json.fakeId);
        return [account.json.fakeId, ...people];
      };
      const firstIds = await ids(first.sandbox);
      const secondIds = await ids(second);
      expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
      // Space 0 is the band from 1,000,000,000; space 1 the next 2^31 ids.
      expect(firstIds.every((id) => Number(id) >= 1e9 && Number(id) < 1e9 + 2 ** 31)).toBe(true);
      expect(secondIds.every((id) => Number(id) >= 1e9 + 2 ** 31 && Number(id) < 1e9 + 2 ** 32 && /^\d{10}$/.test(id))).toBe(true);
      // The same calls give the same ids, as in space 0.
      const again = await startSandbox({ platform: 'lab', fakeIdSpace: 1 });
      try {
        expect(await ids(again)).toEqual(secondIds);
      } finally {
        await again.close();
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('a person of the second platform is followed and profiled there like anywhere', async () => {
    const lab = await startSandbox({ platform: 'lab', fakeIdSpace: 3 });
    try {
      await control(lab, 'POST', '/accounts', { ...ACCOUNT, webhookUrl: 'http://127.0.0.1:1/wx' });
      const fakeId = (await control<{ fakeId: string }>(lab, 'POST', '/people', { nickName: 'Lab person' })).json.fakeId;
      expect(Number(fakeId)).toBeGreaterThanOrEqual(1e9 + 3 * 2 ** 31);
      expect((await control(lab, 'POST', '/follow', { account: 'acme', fakeId, push: false })).status).toBe(201);
      const session = (await login(lab, ACCOUNT.username, ACCOUNT.password)).session!;
      const info = await consolePost(lab, session, `/cgi-bin/getcontactinfo?t=ajax-getcontactinfo&lang=zh_CN&fakeid=${fakeId}`);
      expect(parseContactInfo(JSON.stringify(info))).toMatchObject({ fakeId, nickName: 'Lab person' });
    } finally {
      await lab.close();
    }
  });

  it('points its chat page’s SMS link at the sandbox given as smsInboxUrl (where the bot sends codes), without a trailing slash', async () => {
    const lab = await startSandbox({ platform: 'lab', fakeIdSpace: 1, smsInboxUrl: 'http://127.0.0.1:4010/' });
    try {
      expect((await control(lab, 'GET', '/platform')).json).toEqual({ name: 'lab', fakeIdSpace: 1, smsInboxUrl: 'http://127.0.0.1:4010' });
      expect(await (await fetch(`${lab.url}/`)).text()).toContain('data-testid="sms-link"');
    } finally {
      await lab.close();
    }
  });

  it.each<[string, object, RegExp]>([
    ['an SMS inbox URL that is not http(s)', { smsInboxUrl: 'ftp://127.0.0.1:4010' }, /smsInboxUrl is an http\(s\) URL without query or fragment, e\.g\. http:\/\/127\.0\.0\.1:4010, got "ftp:\/\/127\.0\.0\.1:4010"/],
    ['an SMS inbox URL with a query', { smsInboxUrl: 'http://127.0.0.1:4010/?x=1' }, /smsInboxUrl is an http\(s\) URL/],
    ['an SMS inbox URL that is no URL', { smsInboxUrl: '127.0.0.1:4010' }, /smsInboxUrl is an http\(s\) URL/],
    ['a platform name with capitals', { platform: 'Lab' }, /platform name is 1-32 characters of a-z, 0-9 and -, got "Lab"/],
    ['FakeID space 4', { fakeIdSpace: 4 }, /FakeID space is a whole number from 0 to 3, got 4/],
    ['a fractional FakeID space', { fakeIdSpace: 1.5 }, /FakeID space is a whole number from 0 to 3, got 1.5/],
  ])('refuses to start with %s', async (_what, options, message) => {
    await expect(startSandbox(options)).rejects.toThrow(message);
  });
});

describe('people of the default platform', () => {
  it('are created with the same limits as a change', async () => {
    const world = await startWorld();
    try {
      expect((await control<{ error: string }>(world.sandbox, 'POST', '/people', { nickName: 'x'.repeat(65) })).json.error).toMatch(/^nickName: nickName is 1-64/);
      expect(await addPerson(world, 'Ann')).toMatch(/^\d{10}$/);
    } finally {
      await world.close();
    }
  });
});
