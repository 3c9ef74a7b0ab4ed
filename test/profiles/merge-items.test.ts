import { clearItems, mergeItems, type MergeOutcome } from '../../src/profiles/merge-items';
import type { ProfileField } from '../../src/profiles/profile-fields';
import type { ItemSource, ProfileItem } from '../../src/profiles/profile-item.model';
import type { IncomingItem } from '../../src/profiles/profile-packet';

const t = (hour: number) => new Date(Date.UTC(2026, 10, 24, hour));
const STORED = t(23);
const CONSOLE: ItemSource = { kind: 'console', platform: 'wx', accountId: 'acme' };
const OTHER_CONSOLE: ItemSource = { kind: 'console', platform: 'qq', accountId: 'club' };
const CHAT: ItemSource = { kind: 'chat', platform: 'wx', accountId: 'acme' };
const incoming = (value: string, source: ItemSource, hour: number, field: ProfileField = 'nickname'): IncomingItem => ({ field, value, source, sourceUpdatedAt: t(hour) });

/** Merges packets one after another, as the store does, and returns the final items and each merge's outcome. */
function run(...packets: IncomingItem[][]): { items: ProfileItem[]; outcomes: MergeOutcome[] } {
  let items: ProfileItem[] = [];
  const outcomes: MergeOutcome[] = [];
  for (const packet of packets) {
    const result = mergeItems(items, packet, STORED);
    items = result.items;
    outcomes.push(...result.steps.map((step) => step.outcome));
  }
  return { items, outcomes };
}
const nickname = (items: ProfileItem[]) => items.find((item) => item.field === 'nickname');

describe('merging items (CN102664967A: create, add, compare and replace)', () => {
  it.each([
    ['creates the first field', [[incoming('Li', CHAT, 1)]], ['added'], 'Li', CHAT],
    ['replaces with a newer, different value', [[incoming('Li', CHAT, 1)], [incoming('Lei', CHAT, 2)]], ['added', 'replaced'], 'Lei', CHAT],
    ['keeps a newer value against an older one', [[incoming('Li', CHAT, 2)], [incoming('Lei', CHAT, 1)]], ['added', 'kept'], 'Li', CHAT],
    ['keeps on equal times', [[incoming('Li', CHAT, 2)], [incoming('Lei', CHAT, 2)]], ['added', 'kept'], 'Li', CHAT],
    ['sees no change in a newer, same value', [[incoming('Li', CHAT, 1)], [incoming('Li', CHAT, 2)]], ['added', 'unchanged'], 'Li', CHAT],
    ['a console refetch of the same value never overwrites a newer chat edit',
      [[incoming('Alice', CONSOLE, 1)], [incoming('Ali', CHAT, 2)], [incoming('Alice', CONSOLE, 3)]], ['added', 'replaced', 'unchanged'], 'Ali', CHAT],
    ['a changed console value replaces an older chat edit',
      [[incoming('Alice', CONSOLE, 1)], [incoming('Ali', CHAT, 2)], [incoming('Alicia', CONSOLE, 3)]], ['added', 'replaced', 'replaced'], 'Alicia', CONSOLE],
    ['a changed console value older than the chat edit does not replace it',
      [[incoming('Alice', CONSOLE, 1)], [incoming('Ali', CHAT, 3)], [incoming('Alicia', CONSOLE, 2)]], ['added', 'replaced', 'kept'], 'Ali', CHAT],
    ['a console value first seen does not override what the person set',
      [[incoming('Ali', CHAT, 1)], [incoming('Alice', CONSOLE, 2)]], ['added', 'kept'], 'Ali', CHAT],
    ['…but once seen, its change does',
      [[incoming('Ali', CHAT, 1)], [incoming('Alice', CONSOLE, 2)], [incoming('Alicia', CONSOLE, 3)]], ['added', 'kept', 'replaced'], 'Alicia', CONSOLE],
    ['a late answer of an older fetch does not undo a newer one',
      [[incoming('Alice', CONSOLE, 1)], [incoming('Alicia', CONSOLE, 3)], [incoming('Alice', CONSOLE, 2)]], ['added', 'replaced', 'kept'], 'Alicia', CONSOLE],
    ['each platform\'s console is compared with what it showed itself',
      [[incoming('Alice', CONSOLE, 1)], [incoming('Ali', CHAT, 2)], [incoming('Ally', OTHER_CONSOLE, 3)], [incoming('Alice', CONSOLE, 4)]],
      ['added', 'replaced', 'kept', 'unchanged'], 'Ali', CHAT],
  ] as Array<[string, IncomingItem[][], MergeOutcome[], string, ItemSource]>)('%s', (_label, packets, outcomes, value, source) => {
    const merged = run(...packets);
    expect(merged.outcomes).toEqual(outcomes);
    expect(nickname(merged.items)).toMatchObject({ value, source });
  });

  it('adds a new field beside the others, with its source, times and no history', () => {
    const { items } = run([incoming('Li', CHAT, 1)], [incoming('li@example.com', CHAT, 2, 'email')]);
    expect(items.map((item) => item.field)).toEqual(['nickname', 'email']);
    expect(items[1]).toEqual({
      field: 'email', value: 'li@example.com', source: CHAT, sourceUpdatedAt: t(2), storedAt: STORED, history: [], consoleSeen: [],
    });
  });

  it('keeps the replaced value in the history with its source and time, newest first, at most five', () => {
    const packets = [1, 2, 3, 4, 5, 6, 7].map((hour) => [incoming(`v${hour}`, hour === 1 ? CONSOLE : CHAT, hour)]);
    const item = nickname(run(...packets).items)!;
    expect(item.value).toBe('v7');
    expect(item.history.map((past) => past.value)).toEqual(['v6', 'v5', 'v4', 'v3', 'v2']);
    expect(item.history[0]).toEqual({ value: 'v6', source: CHAT, sourceUpdatedAt: t(6) });
    expect(nickname(run(...packets.slice(0, 2)).items)!.history).toEqual([{ value: 'v1', source: CONSOLE, sourceUpdatedAt: t(1) }]);
    expect(item.consoleSeen).toEqual([{ platform: 'wx', value: 'v1', seenAt: t(1) }]);
  });

  it('reports no change, so nothing is written, when every item is kept or unchanged', () => {
    const { items } = run([incoming('Alice', CONSOLE, 1)]);
    expect(mergeItems(items, [incoming('Alice', CONSOLE, 5)], STORED).changed).toBe(false);
    expect(mergeItems(items, [incoming('Old', CHAT, 0)], STORED).changed).toBe(false);
    expect(mergeItems(items, [incoming('New', CHAT, 2)], STORED).changed).toBe(true);
  });
});

describe('clearing fields (clear, or an emptied web form input)', () => {
  const WEB: ItemSource = { kind: 'web' };
  const VCARD: ItemSource = { kind: 'vcard' };
  const { items } = run([
    incoming('Alice', CONSOLE, 1), incoming('li@example.com', CHAT, 1, 'email'), incoming('ACME', WEB, 1, 'company'), incoming('Boss', VCARD, 1, 'title'),
  ]);
  it.each([
    ['a chat value is removed', ['email'], [['email', 'cleared']], ['nickname', 'company', 'title']],
    ['web and vCard values are removed', ['company', 'title'], [['company', 'cleared'], ['title', 'cleared']], ['nickname', 'email']],
    ['a console value stays', ['nickname'], [['nickname', 'console']], ['nickname', 'email', 'company', 'title']],
    ['a field not set is absent', ['about'], [['about', 'absent']], ['nickname', 'email', 'company', 'title']],
    ['several at once, each judged alone', ['about', 'nickname', 'email'], [['about', 'absent'], ['nickname', 'console'], ['email', 'cleared']], ['nickname', 'company', 'title']],
  ] as Array<[string, ProfileField[], Array<[ProfileField, string]>, ProfileField[]]>)('%s', (_label, fields, outcomes, left) => {
    const result = clearItems(items, fields);
    expect(result.outcomes.map((outcome) => [outcome.field, outcome.outcome])).toEqual(outcomes);
    expect(result.items.map((item) => item.field)).toEqual(left);
    // The items given are not changed: the store writes the result over the version it read.
    expect(items).toHaveLength(4);
  });

  it('says what a removed field held, and which console item stayed', () => {
    const result = clearItems(items, ['email', 'nickname']);
    expect(result.outcomes[0]).toMatchObject({ outcome: 'cleared', removed: { value: 'li@example.com', source: CHAT } });
    expect(result.outcomes[1]).toMatchObject({ outcome: 'console', item: { value: 'Alice', source: CONSOLE } });
  });
});
