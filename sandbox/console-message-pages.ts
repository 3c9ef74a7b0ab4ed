/**
 * The console's message pages: recent messages (docs/protocol.md §3.5) and one conversation (3.6).
 * `fakeid` is a string in their items; events never appear.
 */
import { cgiPage, messageItem, scriptJson, type MessageItem } from './console-pages';
import { param, type SessionCall } from './console-session';
import { intParam } from './console-follower-pages';
import type { Account, ConsoleMessage } from './platform-model';
import type { Platform } from './platform-state';

const DAY = 86_400;

/** Newest first: by date_time, then by console id. */
const newestFirst = (a: ConsoleMessage, b: ConsoleMessage): number => b.dateTime - a.dateTime || b.id - a.id;

function hasReply(platform: Platform, message: ConsoleMessage): boolean {
  return message.direction === 'in' && platform.messages.some(
    (m) => m.direction === 'out' && m.accountId === message.accountId && m.peerFakeId === message.peerFakeId && m.id > message.id,
  );
}

function toItem(platform: Platform, account: Account, message: ConsoleMessage): MessageItem | undefined {
  const person = platform.people.get(message.peerFakeId);
  return person && messageItem(message, person, account, platform.knobs.rewriteContent, hasReply(platform, message));
}

/**
 * Which messages a `day` value covers: `7` (or none) the last 5 days, the only history the
 * console keeps; 0..4 the single day that many days back (0 = the last 24 h).
 */
export function dayWindow(now: number, day: number): { from: number; to: number } {
  if (day >= 5) return { from: now - 5 * DAY, to: Infinity };
  return { from: now - (day + 1) * DAY, to: day === 0 ? Infinity : now - day * DAY };
}

/**
 * `GET /cgi-bin/message?t=message/list&count&day=7&offset&filterivrmsg`: incoming messages,
 * newest first; `filterivrmsg` (default 1) hides those that hit a keyword rule.
 */
export function messageListPage(platform: Platform) {
  return ({ req, res, account }: SessionCall): void => {
    const { from, to } = dayWindow(platform.nowSeconds(), intParam(param(req, 'day'), 7));
    const showHidden = param(req, 'filterivrmsg') === '0';
    const matching = platform.messages
      .filter((m) => m.accountId === account.id && m.direction === 'in' && m.dateTime >= from && m.dateTime < to)
      .filter((m) => showHidden || !m.hidden)
      .sort(newestFirst);
    const count = Math.min(intParam(param(req, 'count'), 20) || 20, platform.knobs.pageSizeCap);
    const offset = intParam(param(req, 'offset'), 0);
    const items = matching.slice(offset, offset + count).flatMap((m) => toItem(platform, account, m) ?? []);
    const latest = matching.reduce((max, m) => Math.max(max, m.id), 0);
    res.type('html').send(
      cgiPage('消息管理', [
        ['total_count', String(matching.length)],
        ['latest_msg_id', String(latest)],
        ['count', String(count)],
        ['day', String(intParam(param(req, 'day'), 7))],
        ['list', `(${scriptJson({ msg_item: items })}).msg_item`],
      ]),
    );
  };
}

/**
 * `GET /cgi-bin/singlesendpage?tofakeid&action=sync&createtime&lastmsgid&f=json&ajax=1`: one
 * conversation, both directions, newest first, since `createtime` (and after `lastmsgid`).
 */
export function conversation(platform: Platform) {
  return ({ req, res, account }: SessionCall): void => {
    const fakeId = param(req, 'tofakeid') ?? '';
    const person = platform.people.get(fakeId);
    const talked = platform.messages.some((m) => m.accountId === account.id && m.peerFakeId === fakeId);
    if (!person || (!platform.findFollow(account.id, fakeId) && !talked)) {
      res.json({ ret: '-21', msg: 'tofakeid is not a follower of this account' });
      return;
    }
    const since = intParam(param(req, 'createtime'), 0);
    const after = intParam(param(req, 'lastmsgid'), 0);
    const items = platform.messages
      .filter((m) => m.accountId === account.id && m.peerFakeId === fakeId && m.dateTime >= since && m.id > after)
      .sort(newestFirst)
      .flatMap((m) => toItem(platform, account, m) ?? []);
    res.json({ page_info: { to_nick_name: person.nickName, msg_items: { msg_item: items } } });
  };
}
