import { MessageCipher } from '../../webhooks/message-cipher';
import type { PushResult } from '../../sandbox/pusher';
import { consoleGet, login, type Item } from './console-kit';
import { ACCOUNT, AES, addAccount, addPerson, control, decrypt, encrypt, expectedSignature, field, startWorld, type World } from './sandbox-kit';

const T = 1_700_000_000;

describe('sandbox pusher', () => {
  let world: World;
  afterEach(() => world.close());

  async function send(body: Record<string, unknown>): Promise<PushResult> {
    const { status, json } = await control<PushResult>(world.sandbox, 'POST', '/send', { account: 'acme', ...body });
    expect(status).toBe(200);
    return json;
  }

  it('signs a plain push and builds the text XML the contract describes', async () => {
    world = await startWorld();
    const account = await addAccount(world);
    const alice = await addPerson(world, 'Alice');
    const { json: follow } = await control<{ openId: string }>(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false });
    const result = await send({ fakeId: alice, type: 'text', content: 'a ]]> b', at: T });

    expect(world.receiver.pushes).toHaveLength(1);
    const [push] = world.receiver.pushes;
    const q = push!.query;
    expect(q.get('signature')).toBe(expectedSignature(ACCOUNT.token, q.get('timestamp')!, q.get('nonce')!));
    expect(q.has('encrypt_type')).toBe(false);
    expect(follow.openId).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(push!.body).toContain('<Content><![CDATA[a ]]]]><![CDATA[> b]]></Content>');
    expect(field(push!.body, 'ToUserName')).toBe(account.originalId);
    expect(field(push!.body, 'FromUserName')).toBe(follow.openId);
    expect(push!.body).toContain(`<CreateTime>${T}</CreateTime>`);
    expect(push!.body).toMatch(/<MsgId>\d{10,20}<\/MsgId>/);
    expect(result).toMatchObject({ openId: follow.openId, createTime: T, attempts: 1, status: 200, reply: null, msgId: field(push!.body, 'MsgId') });
  });

  it('gives every message push its own MsgId and pushes location, image and voice fields', async () => {
    world = await startWorld();
    await addAccount(world);
    const alice = await addPerson(world, 'Alice');
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false });
    const ids = [
      (await send({ fakeId: alice, type: 'location', location: { lat: 23.1, lng: 113.3, label: '广州塔', scale: 16 }, at: T })).msgId,
      (await send({ fakeId: alice, type: 'image', at: T })).msgId,
      (await send({ fakeId: alice, type: 'voice', at: T })).msgId,
    ];
    expect(new Set(ids).size).toBe(3);
    const [location, image, voice] = world.receiver.pushes.map((p) => p.body);
    expect(location).toContain('<Location_X>23.1</Location_X><Location_Y>113.3</Location_Y><Scale>16</Scale><Label><![CDATA[广州塔]]></Label>');
    expect(field(image!, 'PicUrl')).toMatch(new RegExp(`^${world.sandbox.url}/_sandbox/media/`));
    expect(field(image!, 'MediaId')).not.toBe('');
    expect(field(voice!, 'Format')).toBe('amr');
  });

  it('creates the follow before pushing a subscribe with the scene, and ends it on unsubscribe', async () => {
    world = await startWorld();
    await addAccount(world);
    const alice = await addPerson(world, 'Alice');
    const { status, json } = await control<{ openId: string; push: PushResult }>(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, scene: 'booth-7' });
    expect(status).toBe(201);
    const subscribe = world.receiver.pushes[0]!.body;
    expect(field(subscribe, 'Event')).toBe('subscribe');
    expect(field(subscribe, 'EventKey')).toBe('qrscene_booth-7');
    expect(subscribe).not.toContain('<MsgId>');
    expect(json.push.msgId).toBeUndefined();
    expect((await control<unknown[]>(world.sandbox, 'GET', '/accounts/acme/follows')).json).toEqual([
      expect.objectContaining({ openId: json.openId, fakeId: alice, nickName: 'Alice', groupId: 0 }),
    ]);

    await send({ fakeId: alice, type: 'event', event: 'unsubscribe' });
    expect(field(world.receiver.pushes[1]!.body, 'Event')).toBe('unsubscribe');
    expect((await control<unknown[]>(world.sandbox, 'GET', '/accounts/acme/follows')).json).toEqual([]);
    expect((await control(world.sandbox, 'POST', '/send', { account: 'acme', fakeId: alice, type: 'text', content: 'hi' })).status).toBe(409);
  });

  it('encrypts safe-mode pushes: msg_signature over Encrypt, 32-byte padding, the appId, the bot can decrypt', async () => {
    world = await startWorld();
    const account = await addAccount(world, 'safe');
    const alice = await addPerson(world, 'Alice');
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false });
    await send({ fakeId: alice, type: 'text', content: '你好', at: T });

    const { query: q, body } = world.receiver.pushes[0]!;
    const encrypted = field(body, 'Encrypt');
    expect(q.get('encrypt_type')).toBe('aes');
    expect(q.get('signature')).toBe(expectedSignature(ACCOUNT.token, q.get('timestamp')!, q.get('nonce')!));
    expect(q.get('msg_signature')).toBe(expectedSignature(ACCOUNT.token, q.get('timestamp')!, q.get('nonce')!, encrypted));
    expect(field(body, 'Content')).toBe('');
    const plain = decrypt(encrypted);
    expect(plain.appId).toBe(AES.appId);
    expect(plain.paddedLength % 32).toBe(0);
    expect(field(plain.xml, 'Content')).toBe('你好');
    expect(field(plain.xml, 'ToUserName')).toBe(account.originalId);
    expect(new MessageCipher(AES.encodingAESKey, AES.appId).decrypt(encrypted)).toBe(plain.xml);
  });

  it('sends both the plain fields and Encrypt in compatible mode', async () => {
    world = await startWorld();
    await addAccount(world, 'compatible');
    const alice = await addPerson(world, 'Alice');
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false });
    await send({ fakeId: alice, type: 'text', content: 'both', at: T });
    const { body } = world.receiver.pushes[0]!;
    expect(field(body, 'Content')).toBe('both');
    expect(field(decrypt(field(body, 'Encrypt')).xml, 'Content')).toBe('both');
  });

  it('drops a slow answer and retries with the same XML, 3 attempts in all', async () => {
    world = await startWorld({ pushTimeoutMs: 300 });
    await addAccount(world);
    const alice = await addPerson(world, 'Alice');
    await control(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false });
    world.receiver.answer = () => ({ body: 'success', delayMs: 450 });
    const result = await send({ fakeId: alice, type: 'text', content: 'slow', at: T });

    expect(result).toMatchObject({ attempts: 3, status: 0, reply: null, error: expect.stringContaining('300 ms') });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(850);
    expect(world.receiver.pushes).toHaveLength(3);
    expect(new Set(world.receiver.pushes.map((p) => p.body)).size).toBe(1);
  });

  it('records the reply of the attempt that answered in time', async () => {
    world = await startWorld({ pushTimeoutMs: 300 });
    const account = await addAccount(world);
    const alice = await addPerson(world, 'Alice');
    const { json: follow } = await control<{ openId: string }>(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false });
    const reply = (content: string): string =>
      `<xml><ToUserName><![CDATA[${follow.openId}]]></ToUserName><FromUserName><![CDATA[${account.originalId}]]></FromUserName><CreateTime>${T}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`;
    world.receiver.answer = (_push, index) => (index === 0 ? { body: reply('too late'), delayMs: 450 } : { body: reply('on time #k3f9q2') });
    const result = await send({ fakeId: alice, type: 'text', content: 'hi' });

    expect(result).toMatchObject({ attempts: 2, status: 200, reply: { type: 'text', content: 'on time #k3f9q2' } });
    const { json: sent } = await control<unknown[]>(world.sandbox, 'GET', '/accounts/acme/sent');
    expect(sent).toEqual([{ via: 'passive', fakeId: alice, openId: follow.openId, type: 'text', content: 'on time #k3f9q2', at: expect.any(Number) }]);

    const { session } = await login(world.sandbox, ACCOUNT.username, ACCOUNT.password);
    const page = await consoleGet(world.sandbox, session!, `/cgi-bin/singlesendpage?tofakeid=${alice}&action=sync&lastmsgfromfakeid=0&lastmsgid=0&createtime=${result.createTime}&token={token}&lang=zh_CN&f=json&ajax=1`);
    const { page_info } = (await page.json()) as { page_info: { to_nick_name: string; msg_items: { msg_item: Item[] } } };
    expect(page_info.to_nick_name).toBe('Alice');
    expect(page_info.msg_items.msg_item.map((m) => [m.fakeid, m.content])).toEqual([
      [account.fakeId, 'on time #k3f9q2'],
      [alice, 'hi'],
    ]);
  });

  it('decrypts an encrypted reply and refuses a plain one from a safe account', async () => {
    world = await startWorld();
    const account = await addAccount(world, 'safe');
    const alice = await addPerson(world, 'Alice');
    const { json: follow } = await control<{ openId: string }>(world.sandbox, 'POST', '/follow', { account: 'acme', fakeId: alice, push: false });
    const inner = `<xml><ToUserName><![CDATA[${follow.openId}]]></ToUserName><FromUserName><![CDATA[${account.originalId}]]></FromUserName><CreateTime>${T}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[secret hello]]></Content></xml>`;
    const encrypted = encrypt(inner);
    const signature = expectedSignature(ACCOUNT.token, '1700000001', 'n1', encrypted);
    world.receiver.answer = () => ({
      body: `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature><TimeStamp>1700000001</TimeStamp><Nonce><![CDATA[n1]]></Nonce></xml>`,
    });
    expect((await send({ fakeId: alice, type: 'text', content: 'hi' })).reply).toEqual({ type: 'text', content: 'secret hello' });

    world.receiver.answer = () => ({ body: inner });
    expect((await send({ fakeId: alice, type: 'text', content: 'hi again' })).reply).toMatchObject({ type: 'error' });
    expect((await control<unknown[]>(world.sandbox, 'GET', '/accounts/acme/sent')).json).toHaveLength(1);
  });
});
