import ICAL from 'ical.js';
import { buildCard, type Card } from '../../src/profiles/card';
import { cardsVcard, cardVcard, escapeText, foldLine, nameParts } from '../../src/profiles/card-vcard';
import { PROFILE_FIELDS, type ProfileField } from '../../src/profiles/profile-fields';
import { profileWith } from '../builders/profile-builders';

const cardOf = (values: Partial<Record<ProfileField, string>>, code = 'K7P2QXM'): Card => buildCard(code, profileWith(values), PROFILE_FIELDS);

/** The physical lines of a vCard text, without their CRLF. */
const physicalLines = (text: string) => text.split('\r\n').slice(0, -1);

describe('escapeText', () => {
  it.each([
    ['backslash', 'a\\b', 'a\\\\b'],
    ['semicolon', 'A;B', 'A\\;B'],
    ['comma', '小张,阿三', '小张\\,阿三'],
    ['LF, CRLF and CR', 'a\nb\r\nc\rd', 'a\\nb\\nc\\nd'],
    ['all at once, backslash first', '\\;,\n', '\\\\\\;\\,\\n'],
    ['Chinese punctuation is not escaped', '北京；上海，广州', '北京；上海，广州'],
  ])('%s', (_name, value, expected) => {
    expect(escapeText(value)).toBe(expected);
  });
});

describe('foldLine', () => {
  const octets = (line: string) => Buffer.byteLength(line, 'utf8');

  it.each([
    ['ASCII', `NOTE:${'a'.repeat(200)}`],
    ['Chinese (3 octets each)', `NOTE;CHARSET=UTF-8:${'中文名片'.repeat(30)}`],
    ['emoji (4 octets, surrogate pairs)', `NOTE;CHARSET=UTF-8:${'😀👍🏽'.repeat(30)}`],
    ['escapes near the cut', `NOTE:${'a\\,'.repeat(60)}`],
    ['mixed', `NOTE:x${'é中😀'.repeat(25)}`],
  ])('%s: lines of at most 75 octets that unfold to the same line', (_name, line) => {
    const folded = foldLine(line);
    const lines = folded.split('\r\n');
    for (const [index, part] of lines.entries()) {
      expect(octets(part)).toBeLessThanOrEqual(75);
      if (index > 0) expect(part.startsWith(' ')).toBe(true);
      expect(part).not.toContain('\ufffd');
      // A cut never leaves a lone surrogate (half an emoji) or a dangling escape.
      expect(/[\ud800-\udbff]$/.test(part)).toBe(false);
      if (index < lines.length - 1) expect(/(^|[^\\])(\\\\)*\\$/.test(part)).toBe(false);
    }
    expect(folded.replace(/\r\n /g, '')).toBe(line);
    expect(lines.length).toBeGreaterThan(1);
  });

  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    expect(foldLine('a'.repeat(75))).toBe('a'.repeat(75));
    expect(foldLine('a'.repeat(76))).toBe(`${'a'.repeat(75)}\r\n a`);
    // 24 Chinese characters after `NOTE:` are 77 octets: the 24th goes to the next line whole.
    expect(foldLine(`NOTE:${'中'.repeat(24)}`)).toBe(`NOTE:${'中'.repeat(23)}\r\n 中`);
  });
});

describe('nameParts', () => {
  it.each([
    ['张三', '张', '三'],
    ['王小明', '王', '小明'],
    ['欧阳修', '欧阳', '修'],
    ['司马相如', '司马', '相如'],
    ['欧阳', '欧', '阳'],
    ['诸葛亮', '诸葛', '亮'],
    ['John Smith', 'John Smith', ''],
    ['Li Wei', 'Li Wei', ''],
    ['张三Sam', '张三Sam', ''],
    ['爱新觉罗溥仪', '爱新觉罗溥仪', ''],
  ])('%s → family %s, given %s', (name, family, given) => {
    expect(nameParts(name)).toEqual({ family, given });
  });
});

describe('cardVcard', () => {
  it('writes a 3.0 card with CRLF, CHARSET on text, family name first, and escaped values', () => {
    const text = cardVcard(cardOf({ name: '张三', company: '联络科技;研发部, 北京', phone: '+86 138 0013 8000', gender: 'male' }));
    expect(physicalLines(text)).toEqual([
      'BEGIN:VCARD',
      'VERSION:3.0',
      'N;CHARSET=UTF-8:张;三;;;',
      'FN;CHARSET=UTF-8:张三',
      'ORG;CHARSET=UTF-8:联络科技\\;研发部\\, 北京',
      'TEL;TYPE=CELL:+86 138 0013 8000',
      'X-LIANLUO-GENDER;VALUE=TEXT;CHARSET=UTF-8:male',
      'UID:lianluo-K7P2QXM',
      'END:VCARD',
    ]);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('without a visible name, FN is the nickname, else the person code, and N is empty', () => {
    expect(physicalLines(cardVcard(cardOf({ nickname: '小张' })))).toContain('FN;CHARSET=UTF-8:小张');
    const bare = physicalLines(cardVcard(cardOf({})));
    expect(bare).toContain('FN;CHARSET=UTF-8:K7P2QXM');
    expect(bare).toContain('N;CHARSET=UTF-8:;;;;');
  });
});

type Parsed = ReturnType<typeof ICAL.parse>;

/** The vCards of a file as ical.js reads them (a second, independent parser). */
function parseCards(text: string): ICAL.Component[] {
  const parsed: Parsed = ICAL.parse(text);
  // One component parses to a jCard; several to a list of them.
  const list = (typeof parsed[0] === 'string' ? [parsed] : parsed) as unknown[];
  return list.map((jcard) => new ICAL.Component(jcard as unknown[]));
}

const first = (component: ICAL.Component, name: string): unknown => component.getFirstProperty(name)?.getFirstValue();

/**
 * ical.js decodes plain text values by RFC 6350, which leaves `\;` escaped there; RFC 2426
 * (3.0) escapes `;` in every text value, so a `;` read back from a plain text property is
 * unescaped here. Structured properties (N, ORG, ADR) are decoded fully by ical.js.
 */
const plain = (value: unknown) => (typeof value === 'string' ? value.replace(/\\;/g, ';') : value);

describe('vCard read back by ical.js', () => {
  const values = {
    name: '欧阳娜娜',
    nickname: '娜娜, Nana; 😀',
    gender: 'female',
    region: '广东 深圳',
    signature: `签名\\反斜杠；${'长'.repeat(60)}`,
    phone: '+86 138 0013 8000',
    email: 'nana@example.com',
    company: 'ACME; Inc., 北京分公司',
    title: '首席 工程师, R&D',
    address: '北京市朝阳区建国路 88 号; 2 号楼, 1001 室',
    website: 'https://example.com/a,b;c?x=1',
    about: `第一行\n第二行 with a \\ backslash, a comma; and emoji 👍🏽👨‍👩‍👧 ${'很长的简介'.repeat(40)}`,
  } satisfies Record<ProfileField, string>;

  it('gives back every value that went in, with CHARSET=UTF-8 on the text properties', () => {
    const text = cardVcard(cardOf(values));
    for (const line of physicalLines(text)) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    const [card] = parseCards(text);
    if (!card) throw new Error('no card parsed');
    expect(first(card, 'version')).toBe('3.0');
    expect(first(card, 'n')).toEqual(['欧阳', '娜娜', '', '', '']);
    expect(first(card, 'fn')).toBe(values.name);
    expect(plain(first(card, 'nickname'))).toBe(values.nickname);
    expect(first(card, 'org')).toBe(values.company);
    expect(plain(first(card, 'title'))).toBe(values.title);
    expect(first(card, 'tel')).toBe(values.phone);
    expect(first(card, 'email')).toBe(values.email);
    expect(first(card, 'adr')).toEqual(['', '', values.address, '', '', '', '']);
    expect(first(card, 'url')).toBe(values.website);
    expect(plain(first(card, 'note'))).toBe(values.about);
    expect(first(card, 'x-lianluo-gender')).toBe(values.gender);
    expect(first(card, 'x-lianluo-region')).toBe(values.region);
    expect(plain(first(card, 'x-lianluo-signature'))).toBe(values.signature);
    expect(first(card, 'uid')).toBe('lianluo-K7P2QXM');
    for (const name of ['n', 'fn', 'nickname', 'org', 'title', 'adr', 'note', 'x-lianluo-region']) {
      expect(card.getFirstProperty(name)?.getParameter('charset')).toBe('UTF-8');
    }
  });

  it('reads several cards from one file, each with its own values', () => {
    const cards = [cardOf({ name: '张三', email: 'zs@example.com' }, 'AAAAAAA'), cardOf({ name: 'John Smith' }, 'BBBBBBB'), cardOf({}, 'CCCCCCC')];
    const text = cardsVcard(cards);
    expect(text.match(/^BEGIN:VCARD\r$/gm)).toHaveLength(3);
    const parsed = parseCards(text);
    expect(parsed.map((card) => first(card, 'uid'))).toEqual(['lianluo-AAAAAAA', 'lianluo-BBBBBBB', 'lianluo-CCCCCCC']);
    expect(parsed.map((card) => first(card, 'fn'))).toEqual(['张三', 'John Smith', 'CCCCCCC']);
    expect(parsed.map((card) => first(card, 'n'))).toEqual([['张', '三', '', '', ''], ['John Smith', '', '', '', ''], ['', '', '', '', '']]);
    expect(first(parsed[0] as ICAL.Component, 'email')).toBe('zs@example.com');
    expect(parsed[1]?.getFirstProperty('email')).toBeNull();
  });

  it('an empty list of cards is an empty file', () => {
    expect(cardsVcard([])).toBe('');
  });
});
