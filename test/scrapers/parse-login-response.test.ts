import { ConsoleChangedError, ConsoleLoginError, type LoginFailure } from '../../scrapers/console-errors';
import { parseLoginResponse } from '../../scrapers/parse-login-response';
import { consoleFixture } from './console-fixture';

describe('parseLoginResponse', () => {
  it.each<[string, string]>([
    ['login-ok.json', '123456789'],
    ['login-ok-65201.json', '223456789'],
    ['login-ok-65202.json', '323456789'],
  ])('%s → token %s', (file, token) => {
    expect(parseLoginResponse(consoleFixture(file))).toBe(token);
  });

  it('accepts ErrCode as a numeric string', () => {
    expect(parseLoginResponse('{"ErrCode":"0","ErrMsg":"/cgi-bin/home?token=42"}')).toBe('42');
  });

  it.each<[string, number, LoginFailure, boolean]>([
    ['login-system-error.json', -1, 'system', false],
    ['login-wrong-account.json', -2, 'wrong-password', true],
    ['login-wrong-password.json', -3, 'wrong-password', true],
    ['login-no-such-account.json', -4, 'no-such-account', true],
    ['login-restricted.json', -5, 'banned', true],
    ['login-captcha.json', -6, 'captcha', true],
    ['login-banned.json', -7, 'banned', true],
    ['login-wrong-captcha.json', -32, 'wrong-captcha', true],
    ['login-frozen.json', -200, 'banned', true],
    ['login-unknown.json', -99, 'unknown', true],
  ])('%s (ErrCode %i) → ConsoleLoginError %s', (file, errCode, failure, needsOwner) => {
    let thrown: unknown;
    try {
      parseLoginResponse(consoleFixture(file));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConsoleLoginError);
    const error = thrown as ConsoleLoginError;
    expect(error).toMatchObject({ failure, errCode, needsOwner, transient: !needsOwner, step: 'login' });
  });

  it.each<[string, string, RegExp]>([
    ['a success without a token', consoleFixture('login-no-token.json'), /no token/],
    ['an HTML page', consoleFixture('login-timeout.html'), /not JSON/],
    ['JSON without ErrCode', '{"Ret":302,"ErrMsg":"/cgi-bin/home?token=1"}', /answer\.ErrCode/],
  ])('throws ConsoleChangedError on %s', (_label, body, message) => {
    expect(() => parseLoginResponse(body)).toThrow(ConsoleChangedError);
    expect(() => parseLoginResponse(body)).toThrow(message);
  });
});
