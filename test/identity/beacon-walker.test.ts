import { rewriteContent } from '../../sandbox/console-pages';
import { beaconFor, withBeacon } from '../../src/identity/beacon';
import { BeaconWalker } from '../../src/identity/beacon-walker';
import { RESOLVED_GROUP_NAME, ResolvedGroup } from '../../src/identity/resolved-group';
import { MemoryCache } from '../../src/stores/memory-cache';
import { FakeConsole, listed } from '../builders/fake-console';

const T = 1_700_000_000;
const ACCOUNT_FAKEID = '3000000001';
const openId = (i: number) => `o${String(i).padStart(27, '0')}`;

function setup(followers: number, tied = new Map<string, string>()) {
  const console = new FakeConsole();
  console.followers_ = Array.from({ length: followers }, (_, i) => ({ fakeId: String(9000 - i), nickName: `f${i}`, groupId: 0 }));
  const cache = new MemoryCache();
  const walker = new BeaconWalker({
    console,
    group: new ResolvedGroup('acme', console, cache),
    tiedOpenIds: async (fakeIds) => new Map([...tied].filter(([f]) => fakeIds.includes(f))),
    delaysMs: [10, 20, 20],
    pageSize: 3,
  });
  /** The bot's reply carrying `openId`'s beacon, delivered into `fakeId`'s conversation. */
  const deliverReply = (fakeId: string, i: number) =>
    console.conversations.set(fakeId, [
      listed(fakeId, T, 'subscribe?'),
      listed(ACCOUNT_FAKEID, T, withBeacon('欢迎', beaconFor('acme', openId(i)), 'zh')),
    ]);
  return { console, cache, walker, deliverReply };
}

describe('beaconFor', () => {
  it('is # and six base-36 characters, the same every time, different per openID and account', () => {
    expect(beaconFor('acme', openId(1))).toMatch(/^#[0-9a-z]{6}$/);
    expect(beaconFor('acme', openId(1))).toBe(beaconFor('acme', openId(1)));
    expect(beaconFor('acme', openId(1))).not.toBe(beaconFor('acme', openId(2)));
    expect(beaconFor('acme', openId(1))).not.toBe(beaconFor('other', openId(1)));
  });
});

describe('withBeacon', () => {
  it('puts the beacon on its own last line, labelled as a reference in the reply\'s language', () => {
    expect(withBeacon('没有听懂。', '#k3f9q2', 'zh')).toBe('没有听懂。\n参考号 #k3f9q2（帮我认出你，无需理会）');
    expect(withBeacon('I did not understand that.', '#k3f9q2', 'en')).toBe('I did not understand that.\nref #k3f9q2 (helps me recognise you; nothing to do)');
    expect(withBeacon('欢迎\n\nWelcome', '#k3f9q2', null)).toBe('欢迎\n\nWelcome\n参考号 ref #k3f9q2（帮我认出你，无需理会 · helps me recognise you; nothing to do）');
  });
});

describe('BeaconWalker (docs/protocol.md §4.2)', () => {
  it('finds the follower whose conversation shows the beacon, newest first, and moves them into a group it creates once', async () => {
    const { console, walker, deliverReply } = setup(5);
    deliverReply('9000', 1);
    expect(await walker.find(openId(1), beaconFor('acme', openId(1)), T)).toBe('9000');
    expect(console.count('conversation')).toBe(1);
    expect(console.count('createGroup')).toBe(1);
    const group = console.groups.find((g) => g.name === RESOLVED_GROUP_NAME)!;
    expect(console.followers_.find((f) => f.fakeId === '9000')!.groupId).toBe(group.id);

    deliverReply('8999', 2);
    expect(await walker.find(openId(2), beaconFor('acme', openId(2)), T)).toBe('8999');
    expect(console.count('createGroup')).toBe(1);
  });

  it.each([['zh', 'zh'], ['en', 'en'], ['both languages', null]] as const)(
    'finds a labelled beacon (%s) as the console shows the reply: <br/> for newlines, entities, &nbsp;',
    async (_label, lang) => {
      const { console, walker } = setup(2);
      const reply = withBeacon('欢迎关注联络助手！\n  • “帮助” & <help>\n\nWelcome to Lianluo!', beaconFor('acme', openId(1)), lang);
      const shown = rewriteContent(reply);
      expect(shown).toContain('<br/>&nbsp;&nbsp;•');
      console.conversations.set('8999', [listed(ACCOUNT_FAKEID, T, shown)]);
      expect(await walker.find(openId(1), beaconFor('acme', openId(1)), T)).toBe('8999');
    },
  );

  it('ignores the beacon in the follower’s own messages (only the account’s count)', async () => {
    const { console, walker } = setup(2);
    console.conversations.set('9000', [listed('9000', T, `copying ${beaconFor('acme', openId(1))}`)]);
    expect(await walker.find(openId(1), beaconFor('acme', openId(1)), T)).toBeNull();
  });

  it('serves several searches with one walk, across pages', async () => {
    const { console, walker, deliverReply } = setup(7);
    deliverReply('8995', 1); // on the second page of 3
    deliverReply('8999', 2);
    const found = await Promise.all([
      walker.find(openId(1), beaconFor('acme', openId(1)), T),
      walker.find(openId(2), beaconFor('acme', openId(2)), T),
    ]);
    expect(found).toEqual(['8995', '8999']);
    expect(console.count('followers')).toBe(2);
    expect(console.count('moveToGroup')).toBe(1);
  });

  it('skips followers already tied, without opening their conversations, and moves them too', async () => {
    const { console, walker, deliverReply } = setup(3, new Map([['9000', openId(7)]]));
    deliverReply('8999', 1);
    expect(await walker.find(openId(1), beaconFor('acme', openId(1)), T)).toBe('8999');
    expect(console.count('conversation')).toBe(1);
    expect(console.followers_.filter((f) => f.groupId >= 100).map((f) => f.fakeId).sort()).toEqual(['8999', '9000']);
  });

  it('tries again after a delay (the reply may not be delivered yet), then gives up with null', async () => {
    const { console, walker, deliverReply } = setup(2);
    const search = walker.find(openId(1), beaconFor('acme', openId(1)), T);
    await new Promise((r) => setTimeout(r, 15));
    deliverReply('8999', 1);
    expect(await search).toBe('8999');

    const missing = await walker.find(openId(5), beaconFor('acme', openId(5)), T);
    expect(missing).toBeNull();
    expect(console.count('followers')).toBeGreaterThanOrEqual(4);
  });

  it('a console failure is retried at the next delay', async () => {
    const { console, walker, deliverReply } = setup(2);
    console.failures.set('followers', [new Error('down')]);
    deliverReply('9000', 1);
    expect(await walker.find(openId(1), beaconFor('acme', openId(1)), T)).toBe('9000');
  });

  it('reuses an existing group of that name instead of creating one', async () => {
    const { console, walker, deliverReply } = setup(1);
    console.groups.push({ id: 104, name: RESOLVED_GROUP_NAME, count: 0 });
    deliverReply('9000', 1);
    await walker.find(openId(1), beaconFor('acme', openId(1)), T);
    expect(console.count('createGroup')).toBe(0);
    expect(console.followers_[0]!.groupId).toBe(104);
  });
});

describe('BeaconWalker.stop', () => {
  it('ends waiting searches with null and walks no more', async () => {
    const { console, walker } = setup(2);
    const search = walker.find(openId(1), beaconFor('acme', openId(1)), T);
    walker.stop();
    expect(await search).toBeNull();
    expect(await walker.find(openId(2), beaconFor('acme', openId(2)), T)).toBeNull();
    await new Promise((r) => setTimeout(r, 30));
    expect(console.calls).toEqual([]);
  });
});
