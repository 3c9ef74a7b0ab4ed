import { UserError } from '../../src/errors';
import { validateItems } from '../../src/profiles/item-validity';
import { decoderFor } from '../../src/profiles/profile-decoders';
import { decodeWebForm, WEB_FORM_MAX_KEYS } from '../../src/profiles/web-form-decoder';

const at = new Date('2026-11-24T08:00:00Z');
const WEB = { kind: 'web' };

describe('the web form decoder', () => {
  it.each([
    ['each input is an item from the web at the form time, in form order', { nickname: '小李', email: 'li@example.com' },
      { items: [{ field: 'nickname', value: '小李', source: WEB, sourceUpdatedAt: at }, { field: 'email', value: 'li@example.com', source: WEB, sourceUpdatedAt: at }], refused: [], clears: [] }],
    ['values are kept as typed (the validity table trims them), HTML included', { about: ' <b>hi</b> ' },
      { items: [{ field: 'about', value: ' <b>hi</b> ', source: WEB, sourceUpdatedAt: at }], refused: [], clears: [] }],
    ['an empty or blank input clears its field', { company: '', title: '  ' }, { items: [], refused: [], clears: ['company', 'title'] }],
    ['an unknown input is refused by name, cut to 40 characters', { shoe: '42', ['x'.repeat(50)]: 'y' }, {
      items: [], clears: [], refused: [
        { field: 'shoe', reason: { zh: '没有“shoe”这个字段', en: 'there is no field "shoe"' } },
        { field: 'x'.repeat(40), reason: { zh: `没有“${'x'.repeat(40)}”这个字段`, en: `there is no field "${'x'.repeat(40)}"` } },
      ],
    }],
    ['Chinese field names are not input names', { 昵称: '小李' }, { items: [], clears: [], refused: [{ field: '昵称', reason: { zh: '没有“昵称”这个字段', en: 'there is no field "昵称"' } }] }],
    ['a value that is not text (a repeated input) is refused', { nickname: ['a', 'b'], title: 3 }, {
      items: [], clears: [], refused: [
        { field: 'nickname', reason: { zh: '昵称应当是一段文字', en: 'the nickname must be one piece of text' } },
        { field: 'title', reason: { zh: '职位应当是一段文字', en: 'the title must be one piece of text' } },
      ],
    }],
    ['clearing the phone is refused (only unbind removes it)', { phone: '' }, {
      items: [], clears: [], refused: [{ field: 'phone', reason: { zh: '手机号不能在这里删除（短信绑定和“解绑”即将推出）', en: 'a phone number cannot be removed here (SMS binding and `unbind` are coming soon)' } }],
    }],
  ] as Array<[string, Record<string, unknown>, unknown]>)('%s', (_label, form, expected) => {
    expect(decodeWebForm({ form, at })).toEqual(expected);
  });

  it('leaves setting the phone, bad emails and control characters to the validity table, like every source', () => {
    const decoded = validateItems(decodeWebForm({ form: { phone: '13800138000', email: 'nope', name: 'a\u0007b', region: ' 广州 ' }, at }), at);
    expect(decoded.items).toEqual([{ field: 'region', value: '广州', source: WEB, sourceUpdatedAt: at }]);
    expect(decoded.refused.map((refusal) => [refusal.field, refusal.reason.en])).toEqual([
      ['phone', 'a phone number is set only by `bind` and its SMS code (coming soon)'],
      ['email', 'not an email address, e.g. li@example.com'],
      ['name', 'the name holds control characters'],
    ]);
  });

  it('is the decoder of the `web` source', () => {
    expect(decoderFor('web')({ form: { nickname: '小李' }, at }).items).toHaveLength(1);
  });

  it(`refuses a form of more than ${WEB_FORM_MAX_KEYS} inputs as a whole`, () => {
    const form = Object.fromEntries(Array.from({ length: WEB_FORM_MAX_KEYS + 1 }, (_, i) => [`k${i}`, 'v']));
    expect(() => decodeWebForm({ form, at })).toThrow(UserError);
    expect(() => decodeWebForm({ form: Object.fromEntries(Object.entries(form).slice(1)), at })).not.toThrow();
  });
});
