import { ConsoleChangedError, ConsoleSendError, ScrapeError, SessionExpiredError, type SendFailure } from '../../scrapers/console-errors';
import { parseAvatar } from '../../scrapers/parse-avatar';
import {
  parseCreateGroupResult,
  parseMoveResult,
  parseProbeResult,
  parseSendResult,
} from '../../scrapers/parse-ajax-result';
import { consoleFixture } from './console-fixture';

describe('parseSendResult', () => {
  it.each(['send-ok.json', 'send-ok-base-resp.json'])('%s is a success', (file) => {
    expect(() => parseSendResult(consoleFixture(file))).not.toThrow();
  });

  it.each<[string, SendFailure, string]>([
    ['send-customer-block.json', 'customer-block', '10706'],
    ['send-unknown-fakeid.json', 'unknown-fakeid', '-21'],
    ['send-unknown-fakeid-10700.json', 'unknown-fakeid', '10700'],
    ['send-captcha.json', 'captcha', '-6'],
    ['send-other.json', 'other', '-1'],
  ])('%s → ConsoleSendError %s', (file, failure, ret) => {
    let thrown: unknown;
    try {
      parseSendResult(consoleFixture(file));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConsoleSendError);
    expect(thrown).toMatchObject({ failure, ret, step: 'send', transient: false });
  });

  it('throws SessionExpiredError for ret -20000', () => {
    expect(() => parseSendResult(consoleFixture('send-expired.json'))).toThrow(SessionExpiredError);
  });

  it.each<[string, string]>([
    ['no ret', '{"msg":"ok"}'],
    ['not JSON', consoleFixture('changed-page.html')],
  ])('throws ConsoleChangedError on %s', (_label, body) => {
    expect(() => parseSendResult(body)).toThrow(ConsoleChangedError);
  });
});

describe('parseCreateGroupResult', () => {
  it('reads the new group id', () => {
    expect(parseCreateGroupResult(consoleFixture('group-created.json'))).toBe(101);
  });

  it('throws a ScrapeError when the console refuses', () => {
    expect(() => parseCreateGroupResult('{"GroupId":0,"ErrCode":-3}')).toThrow(ScrapeError);
    expect(() => parseCreateGroupResult('{"GroupId":0,"ErrCode":-3}')).toThrow(/ErrCode -3/);
  });

  it('throws ConsoleChangedError without GroupId', () => {
    expect(() => parseCreateGroupResult('{"ErrCode":0}')).toThrow(ConsoleChangedError);
  });

  it('throws SessionExpiredError on expiry', () => {
    expect(() => parseCreateGroupResult(consoleFixture('expired-ajax.json'))).toThrow(SessionExpiredError);
  });
});

describe('parseMoveResult', () => {
  it.each(['{"ret":"0"}', '{"ret":0}'])('%s is a success', (body) => {
    expect(() => parseMoveResult(body)).not.toThrow();
  });

  it('throws a ScrapeError for another ret', () => {
    expect(() => parseMoveResult('{"ret":"-1"}')).toThrow(/refused \(ret -1\)/);
  });

  it('throws SessionExpiredError on expiry', () => {
    expect(() => parseMoveResult(consoleFixture('expired-ajax.json'))).toThrow(SessionExpiredError);
  });
});

describe('parseProbeResult', () => {
  it.each<[string, string, boolean]>([
    ['the regions list', consoleFixture('regions.json'), true],
    ['the expiry JSON', consoleFixture('expired-ajax.json'), false],
    ['the login-timeout page', consoleFixture('login-timeout.html'), false],
  ])('%s → %s', (_label, body, valid) => {
    expect(parseProbeResult(body)).toBe(valid);
  });

  it('throws ConsoleChangedError on another page', () => {
    expect(() => parseProbeResult(consoleFixture('changed-page.html'))).toThrow(ConsoleChangedError);
  });
});

describe('parseAvatar', () => {
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xd9]);

  it('returns image bytes unchanged', () => {
    expect(parseAvatar(jpeg)).toBe(jpeg);
  });

  it.each<[string, Buffer]>([
    ['the login-timeout page', Buffer.from(consoleFixture('login-timeout.html'))],
    ['the expiry JSON', Buffer.from(consoleFixture('expired-ajax.json'))],
  ])('throws SessionExpiredError on %s', (_label, body) => {
    expect(() => parseAvatar(body)).toThrow(SessionExpiredError);
  });

  it('throws ConsoleChangedError on another page', () => {
    expect(() => parseAvatar(Buffer.from(consoleFixture('changed-page.html')))).toThrow(ConsoleChangedError);
  });
});
