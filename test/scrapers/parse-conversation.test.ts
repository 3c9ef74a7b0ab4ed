import { ConsoleChangedError, SessionExpiredError } from '../../scrapers/console-errors';
import type { Conversation } from '../../scrapers/console-types';
import { parseConversation } from '../../scrapers/parse-conversation';
import { consoleFixture } from './console-fixture';

describe('parseConversation', () => {
  it("reads both directions; the account's own messages carry its FakeID", () => {
    expect(parseConversation(consoleFixture('conversation.json'))).toEqual<Conversation>({
      toNickName: 'Alice',
      items: [
        {
          id: 206439601,
          type: 1,
          fakeId: '3012345678',
          nickName: '联络测试号',
          dateTime: 1385000050,
          content: '欢迎！#k3f9q2',
          hasReply: false,
        },
        {
          id: 206439590,
          type: 1,
          fakeId: '2087654321',
          nickName: 'Alice',
          dateTime: 1385000042,
          content: 'first line<br/>second&nbsp;line',
          hasReply: true,
        },
      ],
    });
  });

  it('reads an empty conversation', () => {
    const body = '{"page_info":{"to_nick_name":"Bob","msg_items":{"msg_item":[]}}}';
    expect(parseConversation(body)).toEqual({ toNickName: 'Bob', items: [] });
  });

  it('throws SessionExpiredError on the expiry JSON', () => {
    expect(() => parseConversation(consoleFixture('expired-ajax.json'))).toThrow(SessionExpiredError);
  });

  it.each<[string, string, RegExp]>([
    ['a page', consoleFixture('changed-page.html'), /not JSON/],
    ['no msg_items', '{"page_info":{"to_nick_name":"Bob"}}', /answer\.page_info\.msg_items/],
    ['no page_info', '{"ret":"0"}', /answer\.page_info/],
  ])('throws ConsoleChangedError on %s', (_label, body, message) => {
    expect(() => parseConversation(body)).toThrow(ConsoleChangedError);
    expect(() => parseConversation(body)).toThrow(message);
  });
});
