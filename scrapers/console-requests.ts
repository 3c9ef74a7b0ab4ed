/**
 * Every console request the client makes, path, query and form exactly as docs/protocol.md §3.1–3.8
 * write them. Pure builders: the client sends what they return.
 */

/** One request to the console, before the session's cookies and Referer are added. */
export interface ConsoleRequest {
  /** Names the call in errors and events. */
  step: string;
  method: 'GET' | 'POST';
  /** Path and query, encoded. */
  url: string;
  /** Form fields of a POST, sent as `application/x-www-form-urlencoded`. */
  form?: URLSearchParams;
  /** Whether the answer is bytes (images) rather than text. */
  binary?: boolean;
}

const q = encodeURIComponent;

/** Builders for the requests of docs/protocol.md §3, by call. */
export const consoleRequests = {
  /** 3.1; `pwdMd5` is the lowercase hex MD5 of the password. */
  login(username: string, pwdMd5: string, imgcode: string): ConsoleRequest {
    const form = new URLSearchParams({ username, pwd: pwdMd5, imgcode, f: 'json' });
    return { step: 'login', method: 'POST', url: '/cgi-bin/login?lang=zh_CN', form };
  },
  /** 3.1: the captcha image, bound to the cookies it sets. */
  captcha(username: string, nowMs: number): ConsoleRequest {
    return { step: 'captcha', method: 'GET', url: `/cgi-bin/verifycode?username=${q(username)}&r=${nowMs}`, binary: true };
  },
  /** 3.2: the cheap probe. */
  probe(token: string): ConsoleRequest {
    const form = new URLSearchParams({ ajax: '1', token });
    return { step: 'probe', method: 'POST', url: '/cgi-bin/getregions?id=1017&t=ajax-getregions&lang=zh_CN', form };
  },
  /** 3.3 */
  followers(token: string, query: { pageIdx: number; pageSize: number; groupId?: number }): ConsoleRequest {
    const { pageIdx, pageSize, groupId = 0 } = query;
    const url =
      `/cgi-bin/contactmanage?t=user/index&pagesize=${pageSize}&pageidx=${pageIdx}&type=0` +
      `&groupid=${groupId}&token=${q(token)}&lang=zh_CN`;
    return { step: 'follower list', method: 'GET', url };
  },
  /** 3.4 */
  contactInfo(token: string, fakeId: string): ConsoleRequest {
    const form = new URLSearchParams({ ajax: '1', token });
    const url = `/cgi-bin/getcontactinfo?t=ajax-getcontactinfo&lang=zh_CN&fakeid=${q(fakeId)}`;
    return { step: 'contact info', method: 'POST', url, form };
  },
  /** 3.4 */
  avatar(token: string, fakeId: string): ConsoleRequest {
    return { step: 'avatar', method: 'GET', url: `/cgi-bin/getheadimg?fakeid=${q(fakeId)}&token=${q(token)}`, binary: true };
  },
  /** 3.5: `day=7` (the last 5 days) and `filterivrmsg=0` (keep keyword auto-reply hits). */
  messages(token: string, query: { offset: number; count: number }): ConsoleRequest {
    const url =
      `/cgi-bin/message?t=message/list&count=${query.count}&day=7&offset=${query.offset}` +
      `&filterivrmsg=0&token=${q(token)}&lang=zh_CN`;
    return { step: 'message list', method: 'GET', url };
  },
  /** 3.6 */
  conversation(token: string, fakeId: string, sinceUnix: number): ConsoleRequest {
    const url =
      `/cgi-bin/singlesendpage?tofakeid=${q(fakeId)}&action=sync&lastmsgfromfakeid=0&lastmsgid=0` +
      `&createtime=${sinceUnix}&token=${q(token)}&lang=zh_CN&f=json&ajax=1`;
    return { step: 'conversation', method: 'GET', url };
  },
  /** 3.7 */
  send(token: string, fakeId: string, content: string): ConsoleRequest {
    const form = new URLSearchParams({ tofakeid: fakeId, type: '1', content, token, ajax: '1', imgcode: '' });
    return { step: 'send', method: 'POST', url: '/cgi-bin/singlesend?t=ajax-response&lang=zh_CN', form };
  },
  /** 3.8 */
  createGroup(token: string, name: string): ConsoleRequest {
    const form = new URLSearchParams({ func: 'add', name, token, ajax: '1' });
    return { step: 'create group', method: 'POST', url: '/cgi-bin/modifygroup?t=ajax-friend-group', form };
  },
  /** 3.8: FakeIDs joined by `|`. */
  moveToGroup(token: string, groupId: number, fakeIds: readonly string[]): ConsoleRequest {
    const form = new URLSearchParams({ contacttype: String(groupId), tofakeidlist: fakeIds.join('|'), token, ajax: '1' });
    const url = '/cgi-bin/modifycontacts?action=modifycontacts&t=ajax-putinto-group';
    return { step: 'move to group', method: 'POST', url, form };
  },
};
