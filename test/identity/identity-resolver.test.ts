import pino from 'pino';
import { beaconFor, withBeacon } from '../../src/identity/beacon';
import { BeaconWalker } from '../../src/identity/beacon-walker';
import { IdentityResolver, type ResolvedEvent } from '../../src/identity/identity-resolver';
import { IdentityStore } from '../../src/identity/identity-store';
import { MessageListBatcher } from '../../src/identity/message-list-batcher';
import { ResolvedGroup } from '../../src/identity/resolved-group';
import type { Push } from '../../webhooks/push';
import { FakeConsole, listed } from '../builders/fake-console';
import { embeddedStores } from '../builders/test-bot';

const T = 1_700_000_000;
const openId = (i: number) => `o${String(i).padStart(27, '0')}`;
const text = (i: number, content: string, createTime = T, msgId = `${9000 + i}${createTime}`): Push => ({
  kind: 'message', msgType: 'text', toUserName: 'gh_3a7f9c21b04e', fromUserName: openId(i), createTime, msgId, content,
});
const subscribe = (i: number): Push => ({
  kind: 'event', event: 'subscribe', toUserName: 'gh_3a7f9c21b04e', fromUserName: openId(i), createTime: T, eventKey: '',
});

function setup() {
  const stores = embeddedStores();
  const store = new IdentityStore(stores.documents, stores.cache);
  const console = new FakeConsole();
  console.followers_ = [
    { fakeId: '501', nickName: 'Alice', groupId: 0 },
    { fakeId: '502', nickName: 'Bob', groupId: 0 },
  ];
  const tiedOpenIds = (fakeIds: readonly string[]) => store.tiedOpenIds('acme', fakeIds);
  const events: ResolvedEvent[] = [];
  const resolver = new IdentityResolver({
    store,
    log: pino({ level: 'silent' }),
    now: () => new Date('2026-11-24T08:00:00Z'),
    onResolved: (e) => events.push(e),
    consoles: new Map([
      ['acme', {
        console,
        batcher: new MessageListBatcher({ fetchPage: (q) => console.messages(q), tiedOpenIds, windowMs: 10 }),
        walker: new BeaconWalker({ console, group: new ResolvedGroup('acme', console, stores.cache), tiedOpenIds, delaysMs: [10, 20] }),
      }],
    ]),
  });
  return { stores, store, console, resolver, events };
}

describe('IdentityResolver', () => {
  it('ties a message by time match, fetches and stores the profile, then answers from the stores without the console', async () => {
    const { stores, console, resolver, events } = setup();
    console.listed = [listed('501', T + 1, 'hello')];
    const known = await resolver.resolve(text(1, 'hello'), 'acme');
    expect(known).toMatchObject({ fakeId: '501', strategy: 'time-match', profile: { nickName: 'Alice', city: '广州' } });
    expect(events).toEqual([expect.objectContaining({ openId: openId(1), fakeId: '501', strategy: 'time-match' })]);
    const calls = console.calls.length;
    expect(await resolver.resolve(text(1, 'again', T + 10), 'acme')).toMatchObject({ fakeId: '501' });
    expect(console.calls.length).toBe(calls);
    await stores.close();
  });

  it('concurrent pushes from one openID share one resolution', async () => {
    const { stores, console, resolver } = setup();
    console.listed = [listed('501', T, 'one'), listed('501', T, 'two')];
    const [a, b] = await Promise.all([resolver.resolve(text(1, 'one'), 'acme'), resolver.resolve(text(1, 'two'), 'acme')]);
    expect(a?.fakeId).toBe('501');
    expect(b?.fakeId).toBe('501');
    expect(console.count('messages')).toBe(1);
    expect(console.count('contactInfo')).toBe(1);
    await stores.close();
  });

  it('a subscribe is found by the beacon walk', async () => {
    const { stores, console, resolver } = setup();
    console.conversations.set('502', [listed('3000000001', T, withBeacon('欢迎', beaconFor('acme', openId(2)), 'zh'))]);
    expect(await resolver.resolve(subscribe(2), 'acme')).toMatchObject({ fakeId: '502', strategy: 'beacon' });
    expect(console.count('messages')).toBe(0);
    await stores.close();
  });

  it('an ambiguous message falls back to the beacon and never guesses', async () => {
    const { stores, console, resolver } = setup();
    console.listed = [listed('501', T, 'hi'), listed('502', T, 'hi')];
    console.conversations.set('502', [listed('3000000001', T, withBeacon('没有听懂', beaconFor('acme', openId(2)), 'zh'))]);
    expect(await resolver.resolve(text(2, 'hi'), 'acme')).toMatchObject({ fakeId: '502', strategy: 'beacon' });
    await stores.close();
  });

  it('never ties a FakeID to a second openID', async () => {
    const { stores, store, console, resolver } = setup();
    await store.tie({ accountId: 'acme', openId: openId(1), fakeId: '501', strategy: 'beacon', resolvedAt: new Date() });
    console.listed = [listed('501', T, 'mine')];
    expect(await resolver.resolve(text(3, 'mine'), 'acme')).toBeNull();
    expect((await store.tiedOpenIds('acme', ['501'])).get('501')).toBe(openId(1));
    await stores.close();
  });

  it('resolves null (never rejects) when the console fails, and the next push tries again', async () => {
    const { stores, console, resolver } = setup();
    console.failures.set('messages', [new Error('console down')]);
    console.listed = [listed('501', T, 'hey')];
    expect(await resolver.resolve(text(1, 'hey'), 'acme')).toBeNull();
    expect(await resolver.resolve(text(1, 'hey'), 'acme')).toMatchObject({ fakeId: '501' });
    await stores.close();
  });

  it('an account without a console resolves nothing and calls nothing', async () => {
    const { stores, resolver, console } = setup();
    expect(resolver.canResolve('other')).toBe(false);
    expect(await resolver.resolve(text(1, 'x'), 'other')).toBeNull();
    expect(console.calls).toEqual([]);
    await stores.close();
  });
});
