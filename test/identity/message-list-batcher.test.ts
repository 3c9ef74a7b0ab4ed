import { MessageListBatcher } from '../../src/identity/message-list-batcher';
import { normalizeContent } from '../../src/identity/normalize-content';
import type { PendingMessage } from '../../src/identity/time-match';
import { FakeConsole, listed } from '../builders/fake-console';

const T = 1_700_000_000;
const openId = (i: number) => `o${String(i).padStart(27, '0')}`;
const pending = (i: number, createTime: number, content: string): PendingMessage => ({
  key: `k${i}`, openId: openId(i), createTime, listType: 1, content: normalizeContent(content),
});

function batcher(console: FakeConsole, tied = new Map<string, string>()) {
  return new MessageListBatcher({
    fetchPage: (q) => console.messages(q),
    tiedOpenIds: async (fakeIds) => new Map([...tied].filter(([f]) => fakeIds.includes(f))),
    windowMs: 20,
    pageSize: 5,
  });
}

describe('MessageListBatcher', () => {
  it('serves every push waiting in the window with one list read', async () => {
    const console = new FakeConsole();
    console.listed = [listed('13', T, 'three'), listed('12', T, 'two'), listed('11', T, 'one')];
    const b = batcher(console);
    const outcomes = await Promise.all([b.match(pending(1, T, 'one')), b.match(pending(2, T, 'two')), b.match(pending(3, T, 'three'))]);
    expect(outcomes.map((o) => ('fakeId' in o ? o.fakeId : null))).toEqual(['11', '12', '13']);
    expect(console.count('messages')).toBe(1);
  });

  it('reads further pages when a burst pushed the message past the first one', async () => {
    const console = new FakeConsole();
    const burst = Array.from({ length: 12 }, (_, i) => listed(String(100 + i), T + 1, `noise ${i}`));
    console.listed = [...burst, listed('42', T, 'mine'), listed('7', T - 30, 'old')];
    const outcome = await batcher(console).match(pending(1, T, 'mine'));
    expect(outcome).toMatchObject({ fakeId: '42' });
    expect(console.count('messages')).toBe(3); // 5 + 5 + 4 items; the third page reaches older than T - 5
  });

  it('stops reading once the list is older than every waiting push', async () => {
    const console = new FakeConsole();
    console.listed = [listed('1', T, 'a'), ...Array.from({ length: 20 }, (_, i) => listed(String(200 + i), T - 100 - i, 'old'))];
    await batcher(console).match(pending(1, T, 'a'));
    expect(console.count('messages')).toBe(1);
  });

  it('leaves out FakeIDs tied to another openID', async () => {
    const console = new FakeConsole();
    console.listed = [listed('21', T, 'hi'), listed('22', T, 'hi')];
    const outcome = await batcher(console, new Map([['21', openId(9)]])).match(pending(1, T, 'hi'));
    expect(outcome).toMatchObject({ fakeId: '22' });
  });

  it('pushes arriving while a read runs form the next batch', async () => {
    const console = new FakeConsole();
    console.listed = [listed('31', T, 'x'), listed('32', T, 'y')];
    const b = batcher(console);
    const first = b.match(pending(1, T, 'x'));
    await new Promise((r) => setTimeout(r, 25));
    const second = b.match(pending(2, T, 'y'));
    expect(await first).toMatchObject({ fakeId: '31' });
    expect(await second).toMatchObject({ fakeId: '32' });
    expect(console.count('messages')).toBe(2);
  });

  it('rejects every waiter of a batch when the console fails, and goes on afterwards', async () => {
    const console = new FakeConsole();
    console.listed = [listed('41', T, 'z')];
    console.failures.set('messages', [new Error('console down')]);
    const b = batcher(console);
    await expect(b.match(pending(1, T, 'z'))).rejects.toThrow('console down');
    await expect(b.match(pending(1, T, 'z'))).resolves.toMatchObject({ fakeId: '41' });
  });
});
