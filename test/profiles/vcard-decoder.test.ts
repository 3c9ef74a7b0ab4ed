import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src/errors';
import { buildCard } from '../../src/profiles/card';
import { cardVcard } from '../../src/profiles/card-vcard';
import { validateItems } from '../../src/profiles/item-validity';
import { PROFILE_FIELDS, type ProfileField } from '../../src/profiles/profile-fields';
import type { IncomingItem } from '../../src/profiles/profile-packet';
import { decodeVcard, revisionTime } from '../../src/profiles/vcard-decoder';
import { VCARD_MAX_BYTES } from '../../src/profiles/vcard-lines';
import { profileWith } from '../builders/profile-builders';

const fixture = (name: string) => readFileSync(path.join(__dirname, '../fixtures/vcards', name));
const uploadedAt = new Date('2026-11-24T08:00:00Z');
const decode = (file: Uint8Array | string, at = uploadedAt) => decodeVcard({ file, uploadedAt: at });

/** The exact items a decode gives for `fields`, in the decoder's field order, all from the vCard at `at`. */
const itemsOf = (fields: Partial<Record<ProfileField, string>>, at: Date): IncomingItem[] =>
  Object.entries(fields).map(([field, value]) => ({ field: field as ProfileField, value, source: { kind: 'vcard' }, sourceUpdatedAt: at }));

const phones = (count: number) => ({
  zh: `名片里的 ${count} 个电话号码没有导入：手机号只能通过短信验证码绑定（“绑定”，即将推出）。`,
  en: `The ${count === 1 ? 'phone number' : `${count} phone numbers`} in the card ${count === 1 ? 'was' : 'were'} not imported: a phone is set only by \`bind\` and its SMS code (coming soon).`,
});
const PHOTO = { zh: '名片里的照片没有导入：资料不保存照片。', en: 'The photo in the card was not imported: profiles hold no photos.' };

describe('the vCard decoder on real-world exports', () => {
  it.each([
    ['iPhone 3.0: Chinese name, three TEL, the EMAIL marked pref, a folded base64 PHOTO', 'iphone-3.0.vcf', uploadedAt, {
      name: '张伟', nickname: '阿伟', email: 'zhangwei@example.com', company: '联络科技有限公司 产品部', title: '产品经理',
      address: '中国 广东 深圳 科技园路1号 518000', website: 'https://zhangwei.example.com/', about: '会议认识的朋友, 喜欢摄影; 下次一起去拍照。',
    }, [phones(3), PHOTO]],
    ['Android 2.1: quoted-printable UTF-8, soft line breaks between the bytes of a character, bare TEL;CELL;PREF, the nickname in X-ANDROID-CUSTOM', 'android-2.1-qp.vcf', uploadedAt, {
      name: '李雷', nickname: '雷雷', email: 'lilei@example.com', company: '北京联络软件', title: '工程师, 后端', address: '中国 北京 中关村大街1号 100080',
      about: '在北京做软件开发，喜欢跑步和读书；周末常去爬山。这是一段足够长的简介，用来产生软换行。',
    }, [phones(2)]],
    ['Android 2.1: soft breaks inside a =XX triplet and between =0D and =0A', 'android-2.1-qp-split.vcf', uploadedAt, { name: '欧阳娜娜', about: '第一行 第二行' }, []],
    ['vCard 4.0: GENDER, PREF=1 among three EMAIL, escaped comma in ORG, REV in basic format', 'v4.vcf', new Date('2026-11-20T08:30:00Z'), {
      name: '王小明', nickname: '小明', gender: 'male', email: 'wang@example.com', company: 'ACME, Inc. 研发部', title: '高级工程师',
      address: '1 Main St, Suite 5, Springfield, IL, 62701, USA', website: 'https://wang.example.org/', about: '喜欢爬山；也读书。 Likes hiking, and reading; a lot.',
    }, [phones(1)]],
    ['Outlook 2.1: CHARSET=utf-8 on raw UTF-8, bare PREF on EMAIL, X-WAB-GENDER, a Windows path kept literal', 'outlook-2.1.vcf', new Date('2026-11-01T02:03:04Z'), {
      name: '陈静', gender: 'female', email: 'chenjing@example.com', company: '联络有限公司', title: '市场总监', address: '中国 北京 建国路 88 号 100022',
      website: 'http://www.lianluo.example.cn', about: '负责华北市场 C:\\Users\\陈静 不是转义',
    }, [phones(2)]],
    ['several cards, LF line ends and a tab fold: the first card only, and said so', 'several-cards.vcf', uploadedAt, { name: '第一', email: 'first@example.com' }, [
      { zh: '文件里有 3 张名片，只读取了第一张。', en: 'The file holds 3 cards; only the first was read.' },
    ]],
    ['a card with only TEL: no item, and the page can say why', 'only-tel.vcf', uploadedAt, {}, [phones(2)]],
    ['HTML in values is kept as text, unchanged', 'html.vcf', uploadedAt, {
      name: '<script>alert(1)</script>', company: '<img src=x onerror=alert(1)>', website: 'https://example.com/?a=1&b=<2>',
      about: '<b>bold</b> &amp; <i>italic</i> "quoted" \'single\'',
    }, []],
  ] as Array<[string, string, Date, Partial<Record<ProfileField, string>>, unknown[]]>)('%s', (_label, file, at, fields, notices) => {
    const decoded = decode(fixture(file));
    expect(decoded).toEqual({ items: itemsOf(fields, at), refused: [], notices });
    // Every field a card gives passes the validity table as it is.
    expect(validateItems(decoded, uploadedAt).refused).toEqual([]);
  });

  it('reads Big5 bytes whose second byte is a backslash, keeps a 2.1 backslash literal, and refuses what is not text in its charset', () => {
    expect(decode(fixture('big5-2.1.vcf'))).toEqual({
      items: itemsOf({ name: '許功成', title: '業務\\經理' }, uploadedAt),
      refused: [
        { field: 'company', reason: { zh: '公司用了无法识别的字符集：请把名片导出为 UTF-8 再上传', en: 'the company is in an unknown charset: export the card as UTF-8 and upload it again' } },
        { field: 'about', reason: { zh: '简介不是有效的文字（与字符集不符）：请把名片导出为 UTF-8 再上传', en: 'the about is not valid text in its charset: export the card as UTF-8 and upload it again' } },
      ],
      notices: [],
    });
  });

  it('passes control characters on to the validity table, which refuses those items alone', () => {
    const decoded = validateItems(decode(fixture('control-chars.vcf')), uploadedAt);
    expect(decoded.items.map((item) => [item.field, item.value])).toEqual([['nickname', '小张'], ['company', '联络']]);
    expect(decoded.refused).toEqual([
      { field: 'name', reason: { zh: '姓名含有控制字符', en: 'the name holds control characters' } },
      { field: 'title', reason: { zh: '职位含有控制字符', en: 'the title holds control characters' } },
      { field: 'about', reason: { zh: '简介含有控制字符', en: 'the about holds control characters' } },
    ]);
  });

  it('gives back every field of a card the bot wrote (vCard 3.0, CHARSET=UTF-8, escapes, folds) except the phone', () => {
    const values: Partial<Record<ProfileField, string>> = {
      name: '欧阳娜娜', nickname: '娜娜', gender: 'female', region: '中国 广东 广州', signature: '你好; 世界, 再见\\', phone: '+8613800138000',
      email: 'nana@example.com', company: 'ACME; Inc., 联络', title: '总监', address: '广州市天河区; 1号, 2楼'.repeat(5), website: 'https://nana.example.com/a?b=c',
      about: '很长的简介，'.repeat(30),
    };
    const decoded = decode(cardVcard(buildCard('K7P2QXM', profileWith(values), PROFILE_FIELDS)));
    const { phone: _phone, ...expected } = values;
    expect(Object.fromEntries(decoded.items.map((item) => [item.field, item.value]))).toEqual(expected);
    expect(decoded.notices).toEqual([phones(1)]);
  });

  it.each([
    ['an Android nickname holding a comma and an escaped semicolon', 'VERSION:2.1\r\nX-ANDROID-CUSTOM:vnd.android.cursor.item/nickname;雷,雷\\;二;1;;;', { nickname: '雷,雷;二' }],
    ['X-GENDER and X-LIANLUO-* without VALUE=TEXT are unescaped as text', 'VERSION:3.0\r\nX-GENDER:Female\r\nX-LIANLUO-SIGNATURE:a\\, b\\; c', { gender: 'Female', signature: 'a, b; c' }],
    ['Outlook\'s X-WAB-GENDER 2 is male', 'VERSION:2.1\r\nX-WAB-GENDER:2', { gender: 'male' }],
    ['GENDER U (unknown) says nothing, and is not overridden', 'VERSION:4.0\r\nGENDER:U\r\nX-GENDER:male', {}],
    ['a name from N alone: Chinese family first, joined', 'VERSION:3.0\r\nN:欧阳;娜娜;;;', { name: '欧阳娜娜' }],
    ['a name from N alone: any other given name first', 'VERSION:4.0\r\nN:Smith;John;Q.;Dr.;', { name: 'John Q. Smith' }],
    ['ROLE stands in for a missing TITLE, the first of several NICKNAME values is taken', 'VERSION:3.0\r\nROLE:架构师\r\nNICKNAME:,阿伟,伟哥', { nickname: '阿伟', title: '架构师' }],
  ])('%s', (_label, lines, fields) => {
    expect(decode(`BEGIN:VCARD\r\n${lines}\r\nEND:VCARD\r\n`).items).toEqual(itemsOf(fields, uploadedAt));
  });

  it('reads the same card from bytes, from a string, with a UTF-8 byte-order mark, and as UTF-16 with its mark', () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nNOTE:备注\r\nEND:VCARD\r\n';
    const expected = itemsOf({ name: '张三', about: '备注' }, uploadedAt);
    for (const file of [Buffer.from(text), text, `\ufeff${text}`, Buffer.from(`\ufeff${text}`, 'utf16le'), new Uint8Array(Buffer.from(text))]) {
      expect(decode(file).items).toEqual(expected);
    }
  });
});

describe('refusing a file that is no readable vCard', () => {
  const refusal = (file: Uint8Array | string) => {
    try {
      decode(file);
    } catch (error) {
      expect(error).toBeInstanceOf(UserError);
      return (error as UserError).text;
    }
    throw new Error('the file was not refused');
  };

  it.each([
    ['no BEGIN:VCARD', 'no-begin.vcf', 'This is not a vCard: it has no BEGIN:VCARD line. Export the contact from your address book as a .vcf file and upload that file.'],
    ['no END:VCARD', 'no-end.vcf', 'The vCard is incomplete (END:VCARD is missing); the file may be cut short. Export it again and upload it.'],
    ['a line without a colon', 'bad-line.vcf', 'Line 4 of the vCard cannot be read. Export the contact again from your address book and upload it.'],
  ])('%s', (_label, file, en) => {
    expect(refusal(fixture(file)).en).toBe(en);
  });

  it.each([
    ['an empty file', '', 'This is not a vCard'],
    ['a picture', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'This is not a vCard'],
    ['a version that does not exist', 'BEGIN:VCARD\r\nVERSION:5.0\r\nFN:a\r\nEND:VCARD\r\n', 'vCard version 5.0 is not supported: export as vCard 3.0 or 4.0 (2.1 works too).'],
    ['another component opened inside the card (the parser refuses it)', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:a\r\nBEGIN:VEVENT\r\nEND:VCARD\r\n', 'The vCard is malformed and cannot be read.'],
  ])('%s', (_label, file, en) => {
    expect(refusal(file).en).toContain(en);
  });

  it(`refuses a file over ${VCARD_MAX_BYTES} bytes before reading it, and takes one of exactly that size`, () => {
    const head = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\nNOTE:';
    const tail = '\r\nEND:VCARD\r\n';
    const sized = (bytes: number) => head + 'x'.repeat(bytes - Buffer.byteLength(head + tail)) + tail;
    expect(Buffer.byteLength(sized(VCARD_MAX_BYTES))).toBe(VCARD_MAX_BYTES);
    expect(decode(sized(VCARD_MAX_BYTES)).items.map((item) => item.field)).toEqual(['name', 'about']);
    expect(refusal(sized(VCARD_MAX_BYTES + 1))).toEqual({
      zh: '名片文件太大（最多 64 KB）：请只导出这一位联系人、不带照片，再上传。',
      en: 'The file is too big (at most 64 KB): export just this one contact, without a photo, and upload it again.',
    });
    // Nothing is parsed: a file that is both huge and malformed gets the size refusal.
    expect(refusal('x'.repeat(VCARD_MAX_BYTES + 1)).en).toContain('too big');
  });
});

describe('the source time', () => {
  it.each([
    ['extended UTC', '2026-11-20T08:30:00Z', '2026-11-20T08:30:00.000Z'],
    ['basic UTC', '20261120T083000Z', '2026-11-20T08:30:00.000Z'],
    ['an offset with a colon', '2026-11-20T08:30:00+08:00', '2026-11-20T00:30:00.000Z'],
    ['an offset without one', '2026-11-20T08:30:00-0530', '2026-11-20T14:00:00.000Z'],
    ['fractions of a second', '2026-11-20T08:30:00.25Z', '2026-11-20T08:30:00.250Z'],
    ['no zone is taken as UTC', '2026-11-20T08:30:00', '2026-11-20T08:30:00.000Z'],
    ['a date alone is its midnight', '2026-11-20', '2026-11-20T00:00:00.000Z'],
    ['a 13th month', '2026-13-01', null],
    ['the 30th of February', '2026-02-30T00:00:00Z', null],
    ['a 25th hour', '2026-11-20T25:00:00Z', null],
    ['text', 'yesterday', null],
  ])('REV %s', (_label, value, iso) => {
    expect(revisionTime(value)?.toISOString() ?? null).toBe(iso);
  });

  const withRev = (rev: string) => `BEGIN:VCARD\r\nVERSION:3.0\r\nFN:张三\r\n${rev}END:VCARD\r\n`;
  it.each([
    ['a past REV', 'REV:2026-11-01T00:00:00Z\r\n', '2026-11-01T00:00:00.000Z'],
    ['a REV within the allowed clock skew', 'REV:2026-11-24T08:04:00Z\r\n', '2026-11-24T08:04:00.000Z'],
    ['a REV beyond it: the upload time', 'REV:2026-11-24T08:06:00Z\r\n', '2026-11-24T08:00:00.000Z'],
    ['a REV that is no time: the upload time', 'REV:garbage\r\n', '2026-11-24T08:00:00.000Z'],
    ['no REV: the upload time', '', '2026-11-24T08:00:00.000Z'],
  ])('%s', (_label, rev, iso) => {
    expect(decode(withRev(rev)).items[0]!.sourceUpdatedAt.toISOString()).toBe(iso);
  });
});
