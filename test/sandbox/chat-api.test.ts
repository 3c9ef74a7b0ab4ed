import type { PublicAccount } from '../../sandbox/chat-views';
import { SandboxControl } from '../../sandbox/control-client';
import type { PlatformEvent } from '../../sandbox/platform-events';
import { consolePost, login } from './console-kit';
import { ACCOUNT, addAccount, addPerson, control, field, startWorld, type ReceivedPush, type World } from './sandbox-kit';

/** A text reply to a push, addressed the way the platform expects. */
const textReply = (push: ReceivedPush, content: string): string =>
  `<xml><ToUserName><![CDATA[${field(push.body, 'FromUserName')}]]></ToUserName><FromUserName><![CDATA[${field(push.body, 'ToUserName')}]]></FromUserName>` +
  `<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`;

/** Answers texts with `echo: <text>`, events with `event <name>`. */
const echo = (push: ReceivedPush) => ({
  body: textReply(push, field(push.body, 'MsgType') === 'event' ? `event ${field(push.body, 'Event')}` : `echo: ${field(push.body, 'Content')}`),
});

interface Conversation {
  following: boolean;
  openId: string | null;
  lastSeq: number;
  entries: Array<{ seq: number; from: string; kind: string; content: string; via?: string; event?: string; eventKey?: string; location?: unknown }>;
}

describe('sandbox chat API', () => {
  let world: World;
  let alice: string;
  beforeEach(async () => {
    world = await startWorld({ pushTimeoutMs: 1000, pushAttempts: 1 });
    await addAccount(world);
    alice = await addPerson(world, 'Alice');
    world.receiver.answer = echo;
  });
  afterEach(() => world.close());

  const conversation = async (after = 0) =>
    (await control<Conversation>(world.sandbox, 'GET', `/people/${alice}/conversation?account=acme&after=${after}`)).json;

  it('lists accounts without their secrets, and stores a menu of at most 3 entries', async () => {
    const menu = [{ name: '帮助 Help', key: 'help' }, { name: '我是谁 Me', key: 'whoami' }];
    expect((await control(world.sandbox, 'PATCH', '/accounts/acme', { menu })).json).toEqual({ id: 'acme', banned: false, menu });
    const { status, json } = await control<PublicAccount[]>(world.sandbox, 'GET', '/accounts');
    expect(status).toBe(200);
    expect(json).toEqual([expect.objectContaining({ id: 'acme', username: ACCOUNT.username, mode: 'plain', banned: false, menu, followers: 0 })]);
    const text = JSON.stringify(json);
    expect(text).not.toContain(ACCOUNT.password);
    expect(text).not.toContain(ACCOUNT.token);
    expect(text).not.toContain('captcha');

    const four = [...menu, ...menu];
    expect((await control<{ error: string }>(world.sandbox, 'PATCH', '/accounts/acme', { menu: four })).json.error).toMatch(/^menu: a menu has at most 3 entries/);
    expect((await control<{ error: string }>(world.sandbox, 'PATCH', '/accounts/acme', { menu: [{ name: 'x'.repeat(17), key: 'k' }] })).json.error).toMatch(/16 characters/);
    expect((await control<{ error: string }>(world.sandbox, 'PATCH', '/accounts/acme', { menu: [{ name: 'n', key: 'k'.repeat(129) }] })).json.error).toMatch(/128 characters/);
  });

  it('lists people with their profiles', async () => {
    await control(world.sandbox, 'POST', '/people', { nickName: '李雷', province: '广东', city: '广州', gender: 1 });
    const { json } = await control<Array<{ nickName: string; city: string; gender: number }>>(world.sandbox, 'GET', '/people');
    expect(json.map((p) => [p.nickName, p.city, p.gender])).toEqual([['Alice', '', 0], ['李雷', '广州', 1]]);
  });

  it('keeps the chat in order: events, messages, passive replies, active messages and error notices', async () => {
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice });
    await control(world.sandbox, 'POST', '/send', { account: 'acme', fakeId: alice, type: 'text', content: 'hello <b>' });
    await control(world.sandbox, 'POST', '/send', { account: 'acme', fakeId: alice, type: 'location', location: { lat: 23.1066, lng: 113.3245, label: '广州塔' } });
    const { session } = await login(world.sandbox, ACCOUNT.username, ACCOUNT.password);
    await consolePost(world.sandbox, session!, '/cgi-bin/singlesend?t=ajax-response&lang=zh_CN', { tofakeid: alice, type: '1', content: 'an active message', imgcode: '' });
    world.receiver.answer = () => ({ body: 'not xml' });
    await control(world.sandbox, 'POST', '/send', { account: 'acme', fakeId: alice, type: 'event', event: 'CLICK', eventKey: 'help' });

    const convo = await conversation();
    expect(convo.following).toBe(true);
    expect(convo.openId).toMatch(/^o/);
    expect(convo.entries.map((e) => [e.from, e.kind, e.via ?? e.event ?? '', e.content])).toEqual([
      ['person', 'event', 'subscribe', ''],
      ['account', 'text', 'passive', 'event subscribe'],
      ['person', 'text', '', 'hello <b>'],
      ['account', 'text', 'passive', 'echo: hello <b>'],
      ['person', 'location', '', ''],
      ['account', 'text', 'passive', 'echo: '],
      ['account', 'text', 'singlesend', 'an active message'],
      ['person', 'event', 'CLICK', ''],
      ['platform', 'error', '', 'the reply is not XML'],
    ]);
    expect(convo.entries[4]!.location).toEqual({ lat: 23.1066, lng: 113.3245, label: '广州塔' });
    expect(convo.entries[7]!.eventKey).toBe('help');
    const seqs = convo.entries.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    const later = await conversation(seqs[6]);
    expect(later.entries.map((e) => e.seq)).toEqual(seqs.slice(7));
    expect(later.lastSeq).toBe(seqs.at(-1));
    expect((await conversation(convo.lastSeq)).entries).toEqual([]);
  });

  it('records a notice when the bot does not answer, and refuses a conversation without an account', async () => {
    world.receiver.answer = (push) => ({ body: textReply(push, 'late'), delayMs: 1500 });
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice });
    expect((await conversation()).entries.map((e) => [e.from, e.content])).toEqual([['person', ''], ['platform', 'no answer: no answer within 1000 ms']]);
    expect((await control<{ error: string }>(world.sandbox, 'GET', `/people/${alice}/conversation`)).status).toBe(400);
    expect((await control(world.sandbox, 'GET', `/people/${alice}/conversation?account=nope`)).status).toBe(404);
    expect((await control(world.sandbox, 'GET', '/people/999/conversation?account=acme')).status).toBe(404);
  });

  it('unfollows with an unsubscribe push that records no reply', async () => {
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice });
    const { status, json } = await control<{ reply: unknown }>(world.sandbox, 'POST', '/unfollow', { account: 'acme', fakeId: alice });
    expect(status).toBe(200);
    expect(field(world.receiver.pushes.at(-1)!.body, 'Event')).toBe('unsubscribe');
    expect(json.reply).toEqual({ type: 'text', content: 'event unsubscribe' }); // what the bot said, though nobody sees it
    expect((await control<unknown[]>(world.sandbox, 'GET', '/accounts/acme/follows')).json).toEqual([]);
    const convo = await conversation();
    expect(convo.following).toBe(false);
    expect(convo.entries.map((e) => e.event ?? e.from)).toEqual(['subscribe', 'account', 'unsubscribe']);
    expect((await control(world.sandbox, 'POST', '/unfollow', { account: 'acme', fakeId: alice })).status).toBe(409);
  });

  it('refuses a non-follower with 409, a stable code and what to do in both languages, and pushes nothing', async () => {
    type Refusal = { error: string; code: string; message: { zh: string; en: string } };
    for (const action of [{ type: 'text', content: 'help' }, { type: 'event', event: 'CLICK', eventKey: 'help' }]) {
      const { status, json } = await control<Refusal>(world.sandbox, 'POST', '/send', { account: 'acme', fakeId: alice, ...action });
      expect(status).toBe(409);
      expect(json).toEqual({
        error: `${alice} does not follow acme`,
        code: 'not_following',
        message: { zh: expect.stringContaining('先关注'), en: expect.stringContaining('Follow it first') },
      });
    }
    expect(world.receiver.pushes).toEqual([]);
    expect((await conversation()).entries).toEqual([]);
  });

  it('shows what the console holds: followers, groups with counts, messages newest first with the keyword flag', async () => {
    const bob = await addPerson(world, 'Bob');
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false, at: 1_700_000_000 });
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: bob, push: false, at: 1_700_000_100 });
    await control(world.sandbox, 'PATCH', '/knobs', { keywords: ['price'] });
    await control(world.sandbox, 'POST', '/send', { account: 'acme', fakeId: alice, type: 'text', content: 'the price?', at: 1_700_000_200 });

    type View = { followers: Array<{ nickName: string; groupId: number }>; groups: Array<{ id: number; name: string; count: number }>; messages: Array<{ direction: string; nickName: string; content: string; hidden: boolean }> };
    const { json } = await control<View>(world.sandbox, 'GET', '/accounts/acme/console');
    expect(json.followers.map((f) => f.nickName)).toEqual(['Bob', 'Alice']);
    expect(json.groups).toEqual([{ id: 0, name: '未分组', count: 2 }, { id: 1, name: '黑名单', count: 0 }, { id: 2, name: '星标组', count: 0 }]);
    expect(json.messages.map((m) => [m.direction, m.nickName, m.content, m.hidden])).toEqual([
      ['out', 'Alice', 'echo: the price?', false],
      ['in', 'Alice', 'the price?', true],
    ]);
    expect(JSON.stringify(json)).not.toContain(ACCOUNT.password);
  });

  it('drives all of it through the typed control client', async () => {
    const client = new SandboxControl(world.sandbox.url);
    expect((await client.setMenu('acme', [{ name: '帮助', key: 'help' }])).menu).toEqual([{ name: '帮助', key: 'help' }]);
    expect((await client.accounts()).map((a) => a.menu)).toEqual([[{ name: '帮助', key: 'help' }]]);
    expect((await client.people()).map((p) => p.nickName)).toEqual(['Alice']);
    expect(await client.scan({ account: 'acme', fakeId: alice, imageUrl: client.qrCodeUrl('desk 3') })).toMatchObject({ scene: 'desk 3', event: 'subscribe' });
    expect((await client.consoleView('acme')).followers.map((f) => f.fakeId)).toEqual([alice]);
    await client.unfollow({ account: 'acme', fakeId: alice });
    const convo = await client.conversation(alice, 'acme');
    expect([convo.following, convo.entries.map((e) => e.eventKey ?? e.content)]).toEqual([false, ['qrscene_desk 3', 'event subscribe', '']]);
    await expect(client.unfollow({ account: 'acme', fakeId: alice })).rejects.toThrow(/409 .*does not follow acme/);
  });

  it('streams platform events as Server-Sent Events and ends the stream when the sandbox closes', async () => {
    const response = await fetch(`${world.sandbox.url}/_sandbox/events`);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const events: PlatformEvent[] = [];
    let buffer = '';
    const readUntil = async (done: () => boolean): Promise<void> => {
      while (!done()) {
        const chunk = await reader.read();
        if (chunk.done) return;
        buffer += chunk.value;
        const blocks = buffer.split('\n\n');
        buffer = blocks.pop() ?? '';
        for (const block of blocks) for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as PlatformEvent);
      }
    };
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice });
    await control(world.sandbox, 'PATCH', '/knobs', { latencyMs: 1 });
    await readUntil(() => events.some((e) => e.type === 'knobs'));
    expect(events.map((e) => e.type)).toEqual(['follow', 'chat', 'chat', 'message', 'knobs']);
    expect(events[0]).toEqual({ type: 'follow', account: 'acme', fakeId: alice });
    expect(world.sandbox.platform.events.size).toBe(1);

    const { sandbox, receiver } = world;
    world = { ...world, close: () => receiver.close() }; // the sandbox is closed here, not after the test
    await sandbox.close();
    await readUntil(() => false); // resolves only because the stream ended
    expect(sandbox.platform.events.size).toBe(0);
  });
});
