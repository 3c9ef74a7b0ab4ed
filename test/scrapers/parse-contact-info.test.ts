import { ConsoleChangedError, SessionExpiredError } from '../../scrapers/console-errors';
import type { ContactInfo } from '../../scrapers/console-types';
import { parseContactInfo } from '../../scrapers/parse-contact-info';
import { consoleFixture } from './console-fixture';

describe('parseContactInfo', () => {
  it('reads a profile', () => {
    expect(parseContactInfo(consoleFixture('contact-info.json'))).toEqual<ContactInfo>({
      fakeId: '1234567890',
      nickName: '小明',
      remarkName: '同事',
      userName: 'xiaoming_88',
      signature: '天天向上 <br/> every day',
      country: '中国',
      province: '广东',
      city: '广州',
      gender: 1,
      groupId: 100,
    });
  });

  it('reads missing profile fields as empty', () => {
    expect(parseContactInfo(consoleFixture('contact-info-sparse.json'))).toEqual<ContactInfo>({
      fakeId: '987654',
      nickName: 'Bob',
      remarkName: '',
      userName: '',
      signature: '',
      country: '',
      province: '',
      city: '',
      gender: 0,
      groupId: 0,
    });
  });

  it.each<[unknown, number]>([
    [2, 2],
    ['1', 1],
    [7, 0],
  ])('gender %p → %p', (gender, expected) => {
    const body = JSON.stringify({ contact_info: { fake_id: 1, nick_name: 'x', gender } });
    expect(parseContactInfo(body).gender).toBe(expected);
  });

  it.each<[string, string]>([
    ['the expiry JSON', consoleFixture('expired-ajax.json')],
    ['the login-timeout page', consoleFixture('login-timeout.html')],
  ])('throws SessionExpiredError on %s', (_label, body) => {
    expect(() => parseContactInfo(body)).toThrow(SessionExpiredError);
  });

  it.each<[string, string, RegExp]>([
    ['another HTML page', consoleFixture('changed-page.html'), /not JSON/],
    ['an answer without contact_info', '{"ret":"0"}', /answer\.contact_info/],
    ['a profile without fake_id', '{"contact_info":{"nick_name":"x"}}', /answer\.contact_info\.fake_id/],
  ])('throws ConsoleChangedError on %s', (_label, body, message) => {
    expect(() => parseContactInfo(body)).toThrow(ConsoleChangedError);
    expect(() => parseContactInfo(body)).toThrow(message);
  });
});
