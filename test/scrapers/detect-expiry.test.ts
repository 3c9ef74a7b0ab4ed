import { hasExpiredCookies, isExpiredAjax, isExpiredPage } from '../../scrapers/detect-expiry';
import { consoleFixture } from './console-fixture';

describe('isExpiredPage', () => {
  it.each<[string, string, boolean]>([
    ['the login-timeout page', consoleFixture('login-timeout.html'), true],
    ['the follower list', consoleFixture('follower-list.html'), false],
    ['the message list', consoleFixture('message-list.html'), false],
    ['an empty body', '', false],
  ])('%s → %s', (_label, html, expired) => {
    expect(isExpiredPage(html)).toBe(expired);
  });
});

describe('isExpiredAjax', () => {
  it.each<[string, unknown, boolean]>([
    ['ret "-20000" (the console sends a string)', JSON.parse(consoleFixture('expired-ajax.json')), true],
    ['ret -20000 as a number', { ret: -20000 }, true],
    ['ret " -20000 " with spaces', { ret: ' -20000 ' }, true],
    ['base_resp.ret -20000', { base_resp: { ret: -20000, err_msg: 'invalid session' } }, true],
    ['a send that worked', JSON.parse(consoleFixture('send-ok.json')), false],
    ['another error', { ret: '-21' }, false],
    ['ret -200000', { ret: -200000 }, false],
    ['a profile', JSON.parse(consoleFixture('contact-info.json')), false],
    ['null', null, false],
    ['an array', [{ ret: -20000 }], false],
    ['a string', '-20000', false],
  ])('%s → %s', (_label, json, expired) => {
    expect(isExpiredAjax(json)).toBe(expired);
  });
});

describe('hasExpiredCookies', () => {
  it.each<[string, string | string[] | undefined, boolean]>([
    ['no Set-Cookie', undefined, false],
    ['fresh cookies', ['slave_sid=QUJDREVG; Path=/', 'slave_user=gh_0123456789ab; Path=/'], false],
    ['one cookie set to EXPIRED', ['slave_sid=EXPIRED; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT'], true],
    ['EXPIRED in a list with others', ['bizuin=3012345678; Path=/', 'slave_user=EXPIRED; Path=/'], true],
    ['headers joined by commas', 'bizuin=3012345678; Path=/,slave_sid=EXPIRED; Path=/', true],
    ['a cookie whose value only contains EXPIRED', ['note=NOT_EXPIRED_YET; Path=/'], false],
    ['an attribute that says EXPIRED', ['slave_sid=abc; Comment=EXPIRED'], false],
  ])('%s → %s', (_label, headers, expired) => {
    expect(hasExpiredCookies(headers)).toBe(expired);
  });
});
