/**
 * The console's ajax actions: sending to a follower (docs/protocol.md §3.7), groups (3.8) and the
 * cheap `getregions` probe (3.2). Errors are JSON with HTTP 200.
 */
import { param, type SessionCall } from './console-session';
import type { Platform } from './platform-state';

/** The customer-service window: a follower who has not written for this long cannot be sent to. */
export const REPLY_WINDOW_SECONDS = 48 * 3600;

/**
 * `POST /cgi-bin/singlesend`: -21 when `tofakeid` does not follow the account, 10706 when the
 * follower's last push (message or event) is older than 48 h on the sandbox clock, -6 past
 * `sendPerMinute` successful sends in the last minute. A send is recorded in the conversation
 * and in the "sent" list.
 */
export function singleSend(platform: Platform) {
  return ({ req, res, account }: SessionCall): void => {
    const fakeId = param(req, 'tofakeid') ?? '';
    const content = param(req, 'content') ?? '';
    const follow = platform.findFollow(account.id, fakeId);
    if (!follow) return void res.json({ ret: '-21', msg: 'tofakeid is not a follower of this account' });
    if ((param(req, 'type') ?? '1') !== '1' || content === '') {
      return void res.json({ ret: '-1', msg: 'the sandbox sends text only: type=1 and a content' });
    }
    const now = platform.nowSeconds();
    if (now - follow.lastInteractionAt > REPLY_WINDOW_SECONDS) return void res.json({ ret: '10706', msg: 'customer block' });
    const minuteAgo = platform.nowMs() - 60_000;
    account.sends = account.sends.filter((at) => at > minuteAgo);
    if (account.sends.length >= platform.knobs.sendPerMinute) return void res.json({ ret: '-6', msg: 'verify code required' });
    account.sends.push(platform.nowMs());
    platform.recordMessage({ accountId: account.id, peerFakeId: fakeId, direction: 'out', type: 1, content, dateTime: now, hidden: false });
    platform.recordSent({ accountId: account.id, via: 'singlesend', fakeId, openId: follow.openId, type: 'text', content, at: now });
    res.json({ ret: '0', msg: 'ok' });
  };
}

/** `POST /cgi-bin/modifygroup?t=ajax-friend-group`, `func=add&name=<n>`: a new group, ids from 100. */
export function modifyGroup(platform: Platform) {
  return ({ req, res, account }: SessionCall): void => {
    const name = (param(req, 'name') ?? '').trim();
    if (param(req, 'func') !== 'add' || name === '') return void res.json({ GroupId: 0, ErrCode: -1 });
    res.json({ GroupId: platform.addGroup(account, name), ErrCode: 0 });
  };
}

/**
 * `POST /cgi-bin/modifycontacts?action=modifycontacts&t=ajax-putinto-group`, form
 * `contacttype=<groupid>&tofakeidlist=<f1>|<f2>`: moves followers into a group, all or none.
 */
export function moveToGroup(platform: Platform) {
  return ({ req, res, account }: SessionCall): void => {
    const groupId = Number(param(req, 'contacttype'));
    const fakeIds = (param(req, 'tofakeidlist') ?? '').split('|').filter((f) => f !== '');
    if (!account.groups.some((g) => g.id === groupId)) return void res.json({ ret: '-1', msg: 'no such group' });
    const follows = fakeIds.map((f) => platform.findFollow(account.id, f));
    if (fakeIds.length === 0 || follows.some((f) => f === undefined)) {
      return void res.json({ ret: '-21', msg: 'tofakeidlist names someone who does not follow this account' });
    }
    for (const follow of follows) if (follow) follow.groupId = groupId;
    res.json({ ret: '0' });
  };
}

/** `POST /cgi-bin/getregions?id=1017&t=ajax-getregions`: a few regions; JSON means the session is good. */
export function getRegions() {
  return ({ req, res }: SessionCall): void => {
    const id = param(req, 'id') ?? '1017';
    res.json({ num: 2, data: [{ id: `${id}01`, name: '广州' }, { id: `${id}02`, name: '深圳' }] });
  };
}
