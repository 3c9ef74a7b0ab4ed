import { ConsoleChangedError, SessionExpiredError } from '../../scrapers/console-errors';
import { parseCgiData } from '../../scrapers/parse-cgi-data';
import { consoleFixture } from './console-fixture';

const page = (body: string) => `<html><head><script>var x = 1;</script></head><body><script>\nwx.cgiData = {\n${body}\n};\n</script></body></html>`;

describe('parseCgiData', () => {
  it.each<[string, string, unknown]>([
    ['a bare number', 'pageIdx : 3,', 3],
    ['a negative decimal', 'v : -1.5,', -1.5],
    ['a single-quoted string', "name : 'O\\'Neil',", "O'Neil"],
    ['a double-quoted string with escapes', 'name : "a\\"b\\n\\u5f20\\x41",', 'a"b\n张A'],
    ["a string times 1", "totalCount : '25' * 1,", 25],
    ['a string times 1 without spaces', 'totalCount:"7"*1,', 7],
    ['a JSON object member', 'groupsList : ({"groups":[{"id":0,"name":"未分组","cnt":2}]}).groups,', [{ id: 0, name: '未分组', cnt: 2 }]],
    ['a JSON member with spaces', 'list : ( {"msg_item":[]} ) . msg_item ,', []],
    ['a bare JSON array', 'ids : [1, 2],', [1, 2]],
    ['a keyword', 'isAdmin : false,', false],
    ['a value with commas and colons in a string', 'title : "a, b: {c}",', 'a, b: {c}'],
    ['a value after a block comment', '/* note */ total : 4,', 4],
  ])('reads %s', (_label, line, expected) => {
    const data = parseCgiData(page(`x : 0,\n${line}\ny : 1`), 'test');
    const key = Object.keys(data).find((name) => name !== 'x' && name !== 'y');
    expect(key).toBeDefined();
    expect(data[key!]).toEqual(expected);
    expect(data).toMatchObject({ x: 0, y: 1 });
  });

  it('reads properties that share a line, and quoted keys', () => {
    expect(parseCgiData(page(`a : 1, "b" : 2, 'c' : 'three'`), 'test')).toEqual({ a: 1, b: 2, c: 'three' });
  });

  it('leaves out values in forms the console does not write, instead of evaluating them', () => {
    const data = parseCgiData(page(`a : 1,\nb : wx.data.uin,\nc : foo('x') + 1,\nd : 2`), 'test');
    expect(data).toEqual({ a: 1, d: 2 });
  });

  it('escapes raw control characters inside JSON strings before decoding', () => {
    const data = parseCgiData(page('list : ({"contacts":[{"nick_name":"a\u0001b\u0007c\td\ne"}]}).contacts'), 'test');
    expect(data['list']).toEqual([{ nick_name: 'a\u0001b\u0007c\td\ne' }]);
  });

  it('finds wx.cgiData among other scripts and ignores mentions of it in comments', () => {
    const data = parseCgiData(consoleFixture('follower-list.html'), 'follower list');
    expect(data).toMatchObject({ pageIdx: 0, pageCount: 5, pageSize: 5, totalCount: 25, groupId: 0, type: '0' });
  });

  it('reads a page with CRLF line ends, tabs and irregular spaces', () => {
    const data = parseCgiData(consoleFixture('follower-list-odd-spacing.html'), 'follower list');
    expect(data).toMatchObject({ pageIdx: 1, pageCount: 3, pageSize: 2, totalCount: 6 });
    expect(data).not.toHaveProperty('isAdmin');
  });

  it('throws SessionExpiredError on the login-timeout page', () => {
    expect(() => parseCgiData(consoleFixture('login-timeout.html'), 'follower list')).toThrow(SessionExpiredError);
  });

  it.each<[string, string, RegExp]>([
    ['a page without wx.cgiData', consoleFixture('changed-page.html'), /no wx\.cgiData/],
    ['an empty body', '', /no wx\.cgiData/],
    ['an unclosed object', '<script>wx.cgiData = { a : 1,\n b : 2</script>', /not closed/],
    ['broken JSON', page('list : ({"contacts":[{"id":}]}).contacts,'), /list is not valid JSON/],
    ['unbalanced brackets', page('list : ({"contacts":[{]}).contacts,'), /not closed/],
    ['a JSON object without the member', page('list : ({"contacts":[]}).groups'), /list has no groups/],
    ['a string times 1 that is no number', page("total : 'many' * 1"), /total is not a number/],
  ])('throws ConsoleChangedError on %s, naming the problem and not the page', (_label, html, message) => {
    let thrown: unknown;
    try {
      parseCgiData(html, 'follower list');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConsoleChangedError);
    const error = thrown as ConsoleChangedError;
    expect(error.step).toBe('follower list');
    expect(error.transient).toBe(false);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/contacts|<script|用户管理/);
  });
});
