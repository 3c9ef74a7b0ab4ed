import { decodeQuotedPrintable, decodeText, escapes21To30, escapes30 } from '../../src/profiles/vcard-transport';

describe('decodeQuotedPrintable', () => {
  it.each([
    ['plain ASCII stays', 'Li Lei', 'Li Lei'],
    ['=XX triplets are bytes (UTF-8 Chinese)', '=E6=9D=8E=E9=9B=B7', '李雷'],
    ['lower-case hex is read too', '=e6=9d=8e', '李'],
    ['=3D is an equals sign, =0D=0A a line break', 'a=3Db=0D=0Ac', 'a=b\r\nc'],
    ['a = not followed by two hex digits is kept as it is', 'a=G1 b=', 'a=G1 b'],
    ['a trailing = (a soft break at the end) is dropped', '=E6=9D=8E=', '李'],
  ])('%s', (_label, encoded, text) => {
    expect(decodeQuotedPrintable(encoded).toString('utf8')).toBe(text);
  });
});

describe('decodeText', () => {
  it.each([
    ['UTF-8', Buffer.from('张三', 'utf8'), 'utf-8', { text: '张三' }],
    ['a label in any case and with spaces', Buffer.from('张三', 'utf8'), ' UTF-8 ', { text: '张三' }],
    ['GB2312 (read as GBK)', Buffer.from([0xd5, 0xc5, 0xc8, 0xfd]), 'gb2312', { text: '张三' }],
    ['Big5 whose second byte is a backslash (許 is B3 5C)', Buffer.from([0xb3, 0x5c, 0xa5, 0x5c]), 'BIG5', { text: '許功' }],
    ['bytes that are not UTF-8', Buffer.from([0xd5, 0xc5]), 'utf-8', { problem: 'bytes' }],
    ['a charset nobody knows', Buffer.from('x'), 'x-klingon', { problem: 'charset' }],
  ])('%s', (_label, bytes, charset, expected) => {
    expect(decodeText(bytes, charset)).toEqual(expected);
  });
});

describe('escapes21To30: a vCard 2.1 value in 3.0 escaping', () => {
  it.each([
    ['commas are literal in 2.1, escaped for 3.0', 'a, b', false, 'a\\, b'],
    ['a backslash before anything but ; is literal (a Windows path)', 'C:\\Users\\n', false, 'C:\\\\Users\\\\n'],
    ['\\; in a structured value stays an escape', 'ACME\\; Inc.;R&D', true, 'ACME\\; Inc.;R&D'],
    ['\\; in a plain value becomes ;', 'a\\;b', false, 'a;b'],
    ['line breaks become \\n', 'a\r\nb\nc', false, 'a\\nb\\nc'],
  ])('%s', (_label, text, structured, expected) => {
    expect(escapes21To30(text, structured)).toBe(expected);
  });
});

describe('escapes30: a 3.0/4.0 value made ready for the parser', () => {
  it.each([
    ['\\; outside a structured value becomes ;', 'a\\;b', false, 'a;b'],
    ['\\; inside a structured value stays', 'a\\;b;c', true, 'a\\;b;c'],
    ['\\\\; is a backslash then ;, kept whole', 'a\\\\;b', false, 'a\\\\;b'],
    ['other escapes are left to the parser', 'a\\,b\\nc\\\\d', false, 'a\\,b\\nc\\\\d'],
    ['raw line breaks (from quoted-printable) become \\n', 'a\r\nb', false, 'a\\nb'],
  ])('%s', (_label, text, structured, expected) => {
    expect(escapes30(text, structured)).toBe(expected);
  });
});
