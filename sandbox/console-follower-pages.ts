/**
 * The console's follower pages: the follower list (docs/protocol.md §3.3), a follower's profile and
 * avatar (3.4). FakeIDs are JSON numbers here.
 */
import { cgiPage, scriptJson } from './console-pages';
import { param, type SessionCall } from './console-session';
import type { Platform } from './platform-state';
import { TINY_JPEG } from './tiny-jpeg';

/** A non-negative integer parameter, or the fallback. */
export function intParam(value: string | undefined, fallback: number): number {
  const parsed = value === undefined || !/^-?\d+$/.test(value) ? NaN : Number(value);
  return Number.isSafeInteger(parsed) && parsed >= 0 ? parsed : fallback;
}

/**
 * `GET /cgi-bin/contactmanage?t=user/index&pagesize&pageidx&type=0&groupid`: newest follower
 * first, filtered by `groupid` when given, pages capped by `pageSizeCap`.
 */
export function followerListPage(platform: Platform) {
  return ({ req, res, account }: SessionCall): void => {
    const all = platform.followersOf(account.id);
    const groupParam = param(req, 'groupid');
    const groupId = groupParam === undefined || groupParam === '' ? undefined : intParam(groupParam, -1);
    const matching = groupId === undefined ? all : all.filter((f) => f.groupId === groupId);
    const pageSize = Math.min(intParam(param(req, 'pagesize'), 10) || 10, platform.knobs.pageSizeCap);
    const pageIdx = intParam(param(req, 'pageidx'), 0);
    const page = matching.slice(pageIdx * pageSize, (pageIdx + 1) * pageSize);
    const groups = account.groups.map((g) => ({ id: g.id, name: g.name, cnt: all.filter((f) => f.groupId === g.id).length }));
    const contacts = page.map((f) => ({
      id: Number(f.fakeId),
      nick_name: platform.people.get(f.fakeId)?.nickName ?? '',
      remark_name: '',
      group_id: f.groupId,
    }));
    res.type('html').send(
      cgiPage('用户管理', [
        ['pageIdx', String(pageIdx)],
        ['pageCount', String(Math.ceil(matching.length / pageSize))],
        ['pageSize', String(pageSize)],
        ['totalCount', `'${matching.length}' * 1`],
        ['groupsList', `(${scriptJson({ groups })}).groups`],
        ['friendsList', `(${scriptJson({ contacts })}).contacts`],
      ]),
    );
  };
}

/** `POST /cgi-bin/getcontactinfo?t=ajax-getcontactinfo&fakeid=<f>`: a follower's profile. */
export function contactInfo(platform: Platform) {
  return ({ req, res, account }: SessionCall): void => {
    const fakeId = param(req, 'fakeid') ?? '';
    const follow = platform.findFollow(account.id, fakeId);
    const person = platform.people.get(fakeId);
    if (!follow || !person) {
      res.json({ ret: '-21', msg: 'fakeid is not a follower of this account' });
      return;
    }
    res.json({
      contact_info: {
        fake_id: Number(person.fakeId),
        nick_name: person.nickName,
        remark_name: '',
        user_name: person.userName,
        signature: person.signature,
        country: person.country,
        province: person.province,
        city: person.city,
        gender: person.gender,
        group_id: follow.groupId,
      },
    });
  };
}

/** `GET /cgi-bin/getheadimg?fakeid=<f>`: JPEG bytes for any person or account on the platform. */
export function headImage(platform: Platform) {
  return ({ req, res }: SessionCall): void => {
    const fakeId = param(req, 'fakeid') ?? '';
    const known = platform.people.has(fakeId) || [...platform.accounts.values()].some((a) => a.fakeId === fakeId);
    if (!known) {
      res.json({ ret: '-21', msg: 'no such fakeid' });
      return;
    }
    res.type('image/jpeg').send(TINY_JPEG);
  };
}
