import type { ConsoleMessage } from '../../scrapers/console-types';
import { normalizeContent } from '../../src/identity/normalize-content';
import { matchMessages, pendingFromPush, type PendingMessage } from '../../src/identity/time-match';
import { parsePush } from '../../webhooks/parse-push';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const T = 1_700_000_000;
const A = 'oAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const B = 'oBBBBBBBBBBBBBBBBBBBBBBBBBBB';
let nextId = 1000;
const item = (fakeId: string, dateTime: number, content: string, type = 1): ConsoleMessage => ({
  id: nextId++, type, fakeId, nickName: `n${fakeId}`, dateTime, content, hasReply: false,
});
const text = (key: string, openId: string, createTime: number, content: string): PendingMessage => ({
  key, openId, createTime, listType: 1, content: normalizeContent(content),
});

describe('normalizeContent', () => {
  it.each([
    ['line<br/>break', 'line break'],
    ['line<br>break<BR />x', 'line break x'],
    ['a&nbsp;&nbsp;b', 'a b'],
    ['&lt;tag&gt; &amp; &quot;q&quot;', '<tag> & "q"'],
    ['  padded\n', 'padded'],
    ['全角\u3000空格', '全角 空格'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeContent(input)).toBe(expected);
  });
});

describe('matchMessages (docs/protocol.md §4.1)', () => {
  const cases: Array<{ name: string; pending: PendingMessage[]; items: ConsoleMessage[]; tied?: Array<[string, string]>; expected: Array<string | null> }> = [
    { name: 'exact second, unique', pending: [text('1', A, T, 'hello')], items: [item('111', T, 'hello')], expected: ['111'] },
    { name: 'console clock ahead (+3 s)', pending: [text('1', A, T, 'hi there')], items: [item('111', T + 3, 'hi there')], expected: ['111'] },
    { name: 'console clock behind (-2 s)', pending: [text('1', A, T, 'hi there')], items: [item('111', T - 2, 'hi there')], expected: ['111'] },
    { name: 'outside the window (+6 s)', pending: [text('1', A, T, 'late')], items: [item('111', T + 6, 'late')], expected: [null] },
    { name: 'outside the window (-3 s)', pending: [text('1', A, T, 'early')], items: [item('111', T - 3, 'early')], expected: [null] },
    {
      name: 'two followers in the same second, different texts',
      pending: [text('1', A, T, 'apple'), text('2', B, T, 'banana')],
      items: [item('222', T, 'banana'), item('111', T, 'apple')],
      expected: ['111', '222'],
    },
    {
      name: 'two followers in the same second, same text: ambiguous, no guess',
      pending: [text('1', A, T, 'hi'), text('2', B, T, 'hi')],
      items: [item('222', T, 'hi'), item('111', T, 'hi')],
      expected: [null, null],
    },
    {
      name: 'a rival a few seconds away beats the exact second (skew)',
      pending: [text('1', B, T + 3, 'hi')],
      items: [item('111', T + 3, 'hi'), item('222', T + 5, 'hi')],
      expected: [null],
    },
    {
      name: 'one follower sending two messages in one second',
      pending: [text('1', A, T, 'first'), text('2', A, T, 'second')],
      items: [item('111', T, 'second'), item('111', T, 'first')],
      expected: ['111', '111'],
    },
    {
      name: 'one follower sending the same text twice in one second',
      pending: [text('1', A, T, 'again')],
      items: [item('111', T, 'again'), item('111', T, 'again')],
      expected: ['111'],
    },
    {
      name: 'content rewritten by the console (<br/>, &nbsp;, entities)',
      pending: [text('1', A, T, 'line one\nline  two & <3')],
      items: [item('111', T + 1, 'line one<br/>line&nbsp; two &amp; &lt;3')],
      expected: ['111'],
    },
    {
      name: 'a message hidden by a keyword rule is still listed with filterivrmsg=0',
      pending: [text('1', A, T, '价格')],
      items: [item('111', T, '价格')],
      expected: ['111'],
    },
    {
      name: 'type must match: an image does not match a text',
      pending: [{ key: '1', openId: A, createTime: T, listType: 2 }],
      items: [item('111', T, 'hello', 1), item('222', T + 1, '', 2)],
      expected: ['222'],
    },
    {
      name: 'an already-tied FakeID is left out, leaving a unique candidate',
      pending: [text('1', B, T, 'hi')],
      items: [item('111', T, 'hi'), item('222', T + 1, 'hi')],
      tied: [['111', A]],
      expected: ['222'],
    },
    {
      name: 'the only candidate is tied to another openID: undecided',
      pending: [text('1', B, T, 'hi')],
      items: [item('111', T, 'hi')],
      tied: [['111', A]],
      expected: [null],
    },
    {
      name: 'a candidate tied to the same openID is fine',
      pending: [text('1', A, T, 'hi')],
      items: [item('111', T, 'hi')],
      tied: [['111', A]],
      expected: ['111'],
    },
    {
      name: 'two openIDs landing on one FakeID in one batch: neither is trusted',
      pending: [text('1', A, T, 'same'), text('2', B, T + 1, 'same')],
      items: [item('111', T + 1, 'same')],
      expected: [null, null],
    },
  ];

  it.each(cases)('$name', ({ pending, items, tied = [], expected }) => {
    const outcomes = matchMessages(pending, items, new Map(tied));
    expect(outcomes.map((o) => ('fakeId' in o ? o.fakeId : null))).toEqual(expected);
    expect(outcomes.map((o) => o.key)).toEqual(pending.map((p) => p.key));
  });

  it('says why it did not decide', () => {
    const [none, both] = matchMessages(
      [text('1', A, T, 'nothing'), text('2', B, T, 'hi')],
      [item('111', T, 'hi'), item('333', T, 'hi')],
      new Map(),
    );
    expect(none).toMatchObject({ undecided: 'no-candidate' });
    expect(both).toMatchObject({ undecided: 'ambiguous' });
  });
});

describe('pendingFromPush', () => {
  const fixture = (name: string) =>
    parsePush(readFileSync(path.join(__dirname, '../fixtures/pushes', name), 'utf8'));

  it.each([
    ['text.xml', 1],
    ['location.xml', 1],
    ['image.xml', 2],
    ['voice.xml', 3],
    ['video.xml', 4],
    ['shortvideo.xml', 4],
  ])('%s shows as list type %i', async (name, listType) => {
    expect(pendingFromPush(await fixture(name), 'k')).toMatchObject({ listType });
  });

  it.each(['event-subscribe.xml', 'event-click.xml', 'link.xml'])('%s cannot be time-matched', async (name) => {
    expect(pendingFromPush(await fixture(name), 'k')).toBeNull();
  });
});
