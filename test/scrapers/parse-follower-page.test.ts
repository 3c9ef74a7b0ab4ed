import { ConsoleChangedError, SessionExpiredError } from '../../scrapers/console-errors';
import type { FollowerPage } from '../../scrapers/console-types';
import { parseFollowerPage } from '../../scrapers/parse-follower-page';
import { consoleFixture } from './console-fixture';

describe('parseFollowerPage', () => {
  it('reads the follower list: FakeIDs as decimal strings, totalCount from a string times 1', () => {
    const page = parseFollowerPage(consoleFixture('follower-list.html'));
    expect(page).toEqual<FollowerPage>({
      pageIdx: 0,
      pageCount: 5,
      pageSize: 5,
      totalCount: 25,
      groups: [
        { id: 0, name: '未分组', count: 22 },
        { id: 1, name: '黑名单', count: 0 },
        { id: 2, name: '星标组', count: 1 },
        { id: 100, name: '已识别', count: 2 },
      ],
      followers: [
        { fakeId: '2087654321', nickName: 'Alice', remarkName: '', groupId: 0 },
        { fakeId: '1234567890', nickName: '小明', remarkName: '同事', groupId: 100 },
        { fakeId: '987654', nickName: 'Bob "the builder" O\'Neil', remarkName: '', groupId: 2 },
        { fakeId: '3000000001', nickName: '张三 😀 <b>bold</b>', remarkName: '', groupId: 0 },
        { fakeId: '1500000002', nickName: 'Carol, Dave: {friends}', remarkName: 'C&amp;D', groupId: 0 },
      ],
    });
  });

  it('reads a page with irregular spacing, tabs, quoted keys and CRLF line ends', () => {
    const page = parseFollowerPage(consoleFixture('follower-list-odd-spacing.html'));
    expect(page).toMatchObject({ pageIdx: 1, pageCount: 3, pageSize: 2, totalCount: 6 });
    expect(page.followers).toEqual([
      { fakeId: '1111111111', nickName: 'Tab\tand spaces', remarkName: '', groupId: 0 },
      { fakeId: '2222222222', nickName: 'Eve', remarkName: '', groupId: 100 },
    ]);
    expect(page.groups).toEqual([
      { id: 0, name: '未分组', count: 5 },
      { id: 100, name: '已识别', count: 1 },
    ]);
  });

  it('keeps raw control characters of nicknames', () => {
    const page = parseFollowerPage(consoleFixture('follower-list-control-chars.html'));
    expect(page.followers.map((f) => f.nickName)).toEqual(['Ding\u0001Dong\u0007\tTab', 'Plain']);
    expect(page.followers[0]!.remarkName).toBe('bell\u001f');
    expect(page.totalCount).toBe(2);
  });

  it('throws SessionExpiredError on the login-timeout page', () => {
    expect(() => parseFollowerPage(consoleFixture('login-timeout.html'))).toThrow(SessionExpiredError);
  });

  it.each<[string, string, RegExp]>([
    ['a page without wx.cgiData', consoleFixture('changed-page.html'), /no wx\.cgiData/],
    [
      'a contact without an id',
      consoleFixture('follower-list.html').replace('{"id":987654,', '{'),
      /wx\.cgiData\.friendsList\.2\.id/,
    ],
    ['a negative FakeID', consoleFixture('follower-list.html').replace('"id":987654,', '"id":-987654,'), /friendsList\.2\.id/],
    ['totalCount missing', consoleFixture('follower-list.html').replace("totalCount : '25' * 1,", ''), /totalCount/],
    ['groupsList not a list', consoleFixture('follower-list.html').replace(/groupsList : .*,/, 'groupsList : "none",'), /groupsList/],
  ])('throws ConsoleChangedError on %s', (_label, html, message) => {
    expect(() => parseFollowerPage(html)).toThrow(ConsoleChangedError);
    expect(() => parseFollowerPage(html)).toThrow(message);
  });
});
