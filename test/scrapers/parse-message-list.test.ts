import { ConsoleChangedError, SessionExpiredError } from '../../scrapers/console-errors';
import type { ConsoleMessage } from '../../scrapers/console-types';
import { parseMessageList } from '../../scrapers/parse-message-list';
import { consoleFixture } from './console-fixture';

describe('parseMessageList', () => {
  it('reads the message list newest first, content as the console shows it', () => {
    const page = parseMessageList(consoleFixture('message-list.html'));
    expect(page.totalCount).toBe(5);
    expect(page.latestMsgId).toBe(206439590);
    expect(page.items).toHaveLength(5);
    expect(page.items[0]).toEqual<ConsoleMessage>({
      id: 206439590,
      type: 1,
      fakeId: '2087654321',
      nickName: 'Alice',
      dateTime: 1385000042,
      content: 'first line<br/>second&nbsp;line',
      hasReply: false,
    });
    expect(page.items[1]).toMatchObject({ fakeId: '1234567890', content: '你好&nbsp;&amp;&nbsp;再见 /::)', hasReply: true });
    expect(page.items.map((item) => item.type)).toEqual([1, 1, 2, 3, 1]);
    expect(page.items[4]!.content).toBe(
      '<a href="http://maps.example.test/?q=23.134521,113.358803" target="_blank">广州市天河区</a>',
    );
  });

  it('takes FakeIDs given as numbers too', () => {
    const html = consoleFixture('message-list.html').replace('"fakeid":"987654"', '"fakeid":987654');
    expect(parseMessageList(html).items[2]!.fakeId).toBe('987654');
  });

  it('throws SessionExpiredError on the login-timeout page', () => {
    expect(() => parseMessageList(consoleFixture('login-timeout.html'))).toThrow(SessionExpiredError);
  });

  it.each<[string, string, RegExp]>([
    ['a page without wx.cgiData', consoleFixture('changed-page.html'), /no wx\.cgiData/],
    ['the follower list instead', consoleFixture('follower-list.html'), /wx\.cgiData\.total_count/],
    ['an item without date_time', consoleFixture('message-list.html').replace('"date_time":1385000031,', ''), /list\.2\.date_time/],
    ['a FakeID that is not decimal', consoleFixture('message-list.html').replace('"fakeid":"987654"', '"fakeid":"o_abc"'), /list\.2\.fakeid/],
  ])('throws ConsoleChangedError on %s', (_label, html, message) => {
    expect(() => parseMessageList(html)).toThrow(ConsoleChangedError);
    expect(() => parseMessageList(html)).toThrow(message);
  });
});
