import { consoleGet, consolePost, login, type ConsoleSession, type Item } from './console-kit';
import { ACCOUNT, addAccount, addPerson, control, startWorld, type World } from './sandbox-kit';
import type { Knobs } from '../../sandbox/knobs';

describe('sandbox console: sending to a follower', () => {
  let world: World;
  let session: ConsoleSession;
  let account: { fakeId: string };
  let alice: string;
  afterEach(() => world.close());

  async function setUp(knobs: Partial<Knobs> = {}): Promise<void> {
    // Long idle timeout: these tests jump the clock by days.
    world = await startWorld({ sessionIdleMs: 7 * 86_400_000, ...knobs });
    account = await addAccount(world);
    alice = await addPerson(world, 'Alice');
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false });
    session = (await login(world.sandbox, ACCOUNT.username, ACCOUNT.password)).session!;
  }
  const singleSend = (tofakeid: string, content: string) =>
    consolePost(world.sandbox, session, '/cgi-bin/singlesend?t=ajax-response&lang=zh_CN', { tofakeid, type: '1', content, imgcode: '' });

  it('sends within 48 h of the follower\'s last message, records it, and answers 10706 after', async () => {
    await setUp();
    await control(world.sandbox, 'POST', '/send', { account: 'acme', fakeId: alice, type: 'text', content: 'hello' });
    expect(await singleSend(alice, 'welcome #abc123')).toEqual({ ret: '0', msg: 'ok' });

    const conversation = await consoleGet(world.sandbox, session, `/cgi-bin/singlesendpage?tofakeid=${alice}&action=sync&lastmsgfromfakeid=0&lastmsgid=0&createtime=0&token={token}&lang=zh_CN&f=json&ajax=1`);
    const items = ((await conversation.json()) as { page_info: { msg_items: { msg_item: Item[] } } }).page_info.msg_items.msg_item;
    expect(items.map((m) => [m.fakeid, m.content])).toEqual([[account.fakeId, 'welcome #abc123'], [alice, 'hello']]);
    expect(items[1]!.has_reply).toBe(1);
    const { json: sent } = await control<Array<Record<string, unknown>>>(world.sandbox, 'GET', '/accounts/acme/sent');
    expect(sent).toEqual([expect.objectContaining({ via: 'singlesend', fakeId: alice, type: 'text', content: 'welcome #abc123' })]);

    await control(world.sandbox, 'POST', '/clock', { advanceSeconds: 47 * 3600 });
    expect(await singleSend(alice, 'still in time')).toMatchObject({ ret: '0' });
    await control(world.sandbox, 'POST', '/clock', { advanceSeconds: 2 * 3600 });
    expect(await singleSend(alice, 'too late')).toMatchObject({ ret: '10706' });
    await control(world.sandbox, 'POST', '/send', { account: 'acme', fakeId: alice, type: 'text', content: 'back again' });
    expect(await singleSend(alice, 'welcome back')).toMatchObject({ ret: '0' });
  });

  it('answers -21 for someone who does not follow the account', async () => {
    await setUp();
    const bob = await addPerson(world, 'Bob');
    expect(await singleSend(bob, 'hi')).toMatchObject({ ret: '-21' });
    expect(await singleSend('4242424242', 'hi')).toMatchObject({ ret: '-21' });
  });

  it('answers -6 past sendPerMinute sends in a minute, and sends again a minute later', async () => {
    await setUp({ sendPerMinute: 2 });
    expect(await singleSend(alice, 'one')).toMatchObject({ ret: '0' });
    expect(await singleSend(alice, 'two')).toMatchObject({ ret: '0' });
    expect(await singleSend(alice, 'three')).toMatchObject({ ret: '-6' });
    await control(world.sandbox, 'POST', '/clock', { advanceSeconds: 61 });
    expect(await singleSend(alice, 'four')).toMatchObject({ ret: '0' });
    const { json: sent } = await control<Array<{ content: string }>>(world.sandbox, 'GET', '/accounts/acme/sent');
    expect(sent.map((s) => s.content)).toEqual(['one', 'two', 'four']);
  });

  it('needs a valid session: the ajax expired sign without the token', async () => {
    await setUp();
    const answer = await consolePost(world.sandbox, { cookie: session.cookie }, '/cgi-bin/singlesend?t=ajax-response&lang=zh_CN', { tofakeid: alice, type: '1', content: 'x' });
    expect(answer).toEqual({ ret: '-20000', msg: 'Request is denied! ' });
    expect((await control(world.sandbox, 'GET', '/accounts/acme/sent')).json).toEqual([]);
  });
});
