import { cgiLine, cgiList, consoleGet, consolePost, followerList, login, messageList, type ConsoleSession } from './console-kit';
import { ACCOUNT, addAccount, addPerson, control, startWorld, type World } from './sandbox-kit';
import type { Knobs } from '../../sandbox/knobs';

const T = 1_700_000_000;

describe('sandbox console: follower list, profile, groups', () => {
  let world: World;
  let session: ConsoleSession;
  let people: string[];
  afterEach(() => world.close());

  /** Five followers, one second apart: Ann oldest … Eve newest. */
  async function setUp(knobs: Partial<Knobs> = {}): Promise<void> {
    world = await startWorld(knobs);
    await addAccount(world);
    people = [];
    for (const [i, nick] of ['Ann', 'Bob', 'Cat', 'Dan', 'Eve'].entries()) {
      const fakeId = await addPerson(world, nick);
      await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId, push: false, at: T + i });
      people.push(fakeId);
    }
    session = (await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).session!;
  }

  it('lists followers newest first, with FakeIDs as JSON numbers, paged', async () => {
    await setUp();
    const first = await followerList(world.sandbox, session, { pagesize: '2', pageidx: '0' });
    expect(first.contacts).toEqual([
      { id: Number(people[4]), nick_name: 'Eve', remark_name: '', group_id: 0 },
      { id: Number(people[3]), nick_name: 'Dan', remark_name: '', group_id: 0 },
    ]);
    expect(cgiLine(first.html, 'totalCount')).toBe("'5' * 1");
    expect(cgiLine(first.html, 'pageCount')).toBe('3');
    expect(cgiLine(first.html, 'pageSize')).toBe('2');
    expect(cgiList(first.html, 'groupsList')).toEqual([
      { id: 0, name: '未分组', cnt: 5 },
      { id: 1, name: '黑名单', cnt: 0 },
      { id: 2, name: '星标组', cnt: 0 },
    ]);
    const last = await followerList(world.sandbox, session, { pagesize: '2', pageidx: '2' });
    expect(last.contacts.map((c) => c.nick_name)).toEqual(['Ann']);
  });

  it('caps the page size at pageSizeCap', async () => {
    await setUp({ pageSizeCap: 3 });
    const page = await followerList(world.sandbox, session, { pagesize: '50' });
    expect(page.contacts).toHaveLength(3);
    expect(cgiLine(page.html, 'pageSize')).toBe('3');
  });

  it('creates groups from id 100, moves followers and filters the list by group', async () => {
    await setUp();
    const create = (name: string) => consolePost(world.sandbox, session, '/cgi-bin/modifygroup?t=ajax-friend-group', { func: 'add', name });
    expect(await create('resolved')).toEqual({ GroupId: 100, ErrCode: 0 });
    expect(await create('vip')).toEqual({ GroupId: 101, ErrCode: 0 });
    const move = (group: string, list: string) =>
      consolePost(world.sandbox, session, '/cgi-bin/modifycontacts?action=modifycontacts&t=ajax-putinto-group', { contacttype: group, tofakeidlist: list });
    expect(await move('100', `${people[0]}|${people[2]}`)).toEqual({ ret: '0' });
    expect(await move('100', `${people[1]}|9999999999`)).toMatchObject({ ret: '-21' });
    expect(await move('555', `${people[1]}`)).toMatchObject({ ret: '-1' });

    const resolved = await followerList(world.sandbox, session, { groupid: '100' });
    expect(resolved.contacts.map((c) => [c.nick_name, c.group_id])).toEqual([['Cat', 100], ['Ann', 100]]);
    expect(cgiLine(resolved.html, 'totalCount')).toBe("'2' * 1");
    const ungrouped = await followerList(world.sandbox, session, { groupid: '0' });
    expect(ungrouped.contacts.map((c) => c.nick_name)).toEqual(['Eve', 'Dan', 'Bob']);
    expect(cgiList(ungrouped.html, 'groupsList')).toContainEqual({ id: 100, name: 'resolved', cnt: 2 });
    const { json: truth } = await control<Array<{ fakeId: string; groupId: number }>>(world.sandbox, 'GET', '/accounts/acme/follows');
    expect(truth.find((f) => f.fakeId === people[2])!.groupId).toBe(100);
  });

  it('answers a follower profile and a JPEG avatar', async () => {
    world = await startWorld();
    await addAccount(world);
    const { json: person } = await control<{ fakeId: string }>(world.sandbox, 'POST', '/people', {
      nickName: 'Alice', userName: 'alice_w', signature: 'hi', country: '中国', province: '广东', city: '广州', gender: 2,
    });
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: person.fakeId, push: false });
    session = (await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).session!;
    const info = await consolePost(world.sandbox, session, `/cgi-bin/getcontactinfo?t=ajax-getcontactinfo&lang=zh_CN&fakeid=${person.fakeId}`);
    expect(info).toEqual({
      contact_info: {
        fake_id: Number(person.fakeId), nick_name: 'Alice', remark_name: '', user_name: 'alice_w', signature: 'hi',
        country: '中国', province: '广东', city: '广州', gender: 2, group_id: 0,
      },
    });
    expect(await consolePost(world.sandbox, session, '/cgi-bin/getcontactinfo?t=ajax-getcontactinfo&fakeid=1')).toMatchObject({ ret: '-21' });
    const avatar = await consoleGet(world.sandbox, session, `/cgi-bin/getheadimg?fakeid=${person.fakeId}&token={token}`);
    expect(avatar.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await avatar.arrayBuffer());
    expect([bytes[0], bytes[1], bytes.at(-2), bytes.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });
});

describe('sandbox console: message list', () => {
  let world: World;
  let session: ConsoleSession;
  let alice: string;
  afterEach(() => world.close());

  async function setUp(knobs: Partial<Knobs> = {}): Promise<void> {
    world = await startWorld(knobs);
    await addAccount(world);
    alice = await addPerson(world, 'Alice');
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false });
    session = (await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).session!;
  }
  const send = (body: Record<string, unknown>) => control(world.sandbox, 'POST', '/send', { account: 'acme', fakeId: alice, ...body });

  it('lists messages newest first with string FakeIDs, paged by count and offset; events never appear', async () => {
    await setUp();
    const now = Math.floor(Date.now() / 1000);
    for (const [i, content] of ['one', 'two', 'three'].entries()) await send({ type: 'text', content, at: now + i });
    await send({ type: 'event', event: 'CLICK', eventKey: 'MENU_1' });
    await send({ type: 'image', at: now + 3 });
    const all = await messageList(world.sandbox, session);
    expect(all.items.map((m) => [m.type, m.content])).toEqual([[2, ''], [1, 'three'], [1, 'two'], [1, 'one']]);
    expect(all.items.every((m) => m.fakeid === alice && m.nick_name === 'Alice')).toBe(true);
    expect(cgiLine(all.html, 'total_count')).toBe('4');
    expect(cgiLine(all.html, 'latest_msg_id')).toBe(String(Math.max(...all.items.map((m) => m.id))));
    const page = await messageList(world.sandbox, session, { count: '2', offset: '1' });
    expect(page.items.map((m) => m.content)).toEqual(['three', 'two']);
  });

  it('hides keyword hits unless filterivrmsg=0', async () => {
    await setUp({ keywords: ['help'] });
    await send({ type: 'text', content: 'please help me' });
    await send({ type: 'text', content: 'plain' });
    const filtered = await messageList(world.sandbox, session);
    expect(filtered.items.map((m) => m.content)).toEqual(['plain']);
    const unfiltered = await messageList(world.sandbox, session, { filterivrmsg: '0' });
    expect(unfiltered.items.map((m) => m.content).sort()).toEqual(['plain', 'please help me']);
    expect(cgiLine(unfiltered.html, 'total_count')).toBe('2');
  });

  it('applies the skew to date_time, reproducibly for a seed', async () => {
    await setUp({ skew: { min: 2, max: 2 } });
    await send({ type: 'text', content: 'skewed', at: T + 400_000_000 });
    expect((await messageList(world.sandbox, session)).items[0]!.date_time).toBe(T + 400_000_002);

    const draws = async (): Promise<number[]> => {
      await control(world.sandbox, 'PATCH', '/knobs', { skew: { min: -1, max: 3 }, seed: 42 });
      const base = Math.floor(Date.now() / 1000) + 100;
      for (let i = 0; i < 6; i += 1) await send({ type: 'text', content: `burst ${i}`, at: base });
      const items = (await messageList(world.sandbox, session, { filterivrmsg: '0' })).items.filter((m) => m.content.startsWith('burst'));
      await control(world.sandbox, 'PATCH', '/knobs', { skew: { min: 0, max: 0 } });
      return items.sort((a, b) => a.id - b.id).slice(-6).map((m) => m.date_time - base);
    };
    const first = await draws();
    expect(first.every((s) => s >= -1 && s <= 3)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await draws()).toEqual(first);
  });

  it('rewrites text content like the real console, and shows location as a link', async () => {
    await setUp();
    await send({ type: 'text', content: 'a  b\n<c> & d' });
    await send({ type: 'location', location: { lat: 23.1, lng: 113.3, label: '广州塔' } });
    const [location, text] = (await messageList(world.sandbox, session)).items;
    expect(text!.content).toBe('a &nbsp;b<br/>&lt;c&gt; &amp; d');
    expect(location).toMatchObject({ type: 1, content: '[位置]广州塔 https://maps.sandbox.invalid/?q=23.1,113.3' });
    await control(world.sandbox, 'PATCH', '/knobs', { rewriteContent: false });
    expect((await messageList(world.sandbox, session)).items[1]!.content).toBe('a  b\n<c> & d');
  });

  it('keeps 5 days for day=7 and caps count at pageSizeCap', async () => {
    await setUp({ pageSizeCap: 2 });
    await send({ type: 'text', content: 'old' });
    await control(world.sandbox, 'POST', '/clock', { advanceSeconds: 4 * 86_400 });
    // A clock jump is idle time too: the session expired, log in again.
    session = (await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).session!;
    for (const content of ['x', 'y', 'z']) await send({ type: 'text', content });
    const capped = await messageList(world.sandbox, session, { count: '10' });
    expect(capped.items).toHaveLength(2);
    expect(cgiLine(capped.html, 'total_count')).toBe('4');
    await control(world.sandbox, 'POST', '/clock', { advanceSeconds: 1 * 86_400 + 60 });
    session = (await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).session!;
    expect(cgiLine((await messageList(world.sandbox, session)).html, 'total_count')).toBe('3');
  });
});
