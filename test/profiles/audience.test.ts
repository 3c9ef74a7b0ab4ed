import { AUDIENCES, includesAudience, parseSharedWith, type Audience } from '../../src/profiles/audience';
import { isAllFields, parseShareableField } from '../../src/profiles/shareable-fields';

describe('audiences: each includes the narrower ones', () => {
  // Rows: the field's audience; columns: nobody, contacts, circles, everyone.
  const table: Record<Audience, boolean[]> = {
    nobody: [true, false, false, false],
    contacts: [true, true, false, false],
    circles: [true, true, true, false],
    everyone: [true, true, true, true],
  };
  it.each(Object.entries(table) as Array<[Audience, boolean[]]>)('%s includes %j', (audience, row) => {
    expect(AUDIENCES.map((narrower) => includesAudience(audience, narrower))).toEqual(row);
  });
});

describe('parseSharedWith: what people type after share <field>', () => {
  it.each([
    ['nobody', { audience: 'nobody' }],
    ['仅自己', { audience: 'nobody' }],
    ['Contacts', { audience: 'contacts' }],
    ['联系人', { audience: 'contacts' }],
    ['circles', { audience: 'circles' }],
    ['圈友', { audience: 'circles' }],
    ['EVERYONE', { audience: 'everyone' }],
    ['所有人', { audience: 'everyone' }],
    ['ｅｖｅｒｙｏｎｅ', { audience: 'everyone' }],
    ['circle:q7k2px', { circle: 'Q7K2PX' }],
    ['circle：Q7K2PX', { circle: 'Q7K2PX' }],
    ['圈:Q7K2PX', { circle: 'Q7K2PX' }],
    ['圈子：q7k2px', { circle: 'Q7K2PX' }],
    ['circle:Q7K2P', null],
    ['circle:Q7K2PX9', null],
    ['circle:Q0K2PX', null],
    ['circle:', null],
    ['friends', null],
    ['', null],
  ] as const)('%j → %j', (typed, expected) => {
    expect(parseSharedWith(typed)).toEqual(expected);
  });
});

describe('parseShareableField: English or Chinese, any case', () => {
  it.each([
    ['email', 'email'],
    ['EMAIL', 'email'],
    ['邮箱', 'email'],
    ['昵称', 'nickname'],
    ['ｎａｍｅ', 'name'],
    ['状态', 'status'],
    ['手机', 'phone'],
    ['mail', null],
    ['all', null],
    ['', null],
  ] as const)('%j → %j', (typed, expected) => {
    expect(parseShareableField(typed)).toBe(expected);
  });

  it.each([['all', true], ['ALL', true], ['全部', true], ['every', false], ['email', false]] as const)('all fields: %j → %j', (typed, expected) => {
    expect(isAllFields(typed)).toBe(expected);
  });
});
