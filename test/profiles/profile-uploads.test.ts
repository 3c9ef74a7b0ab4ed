import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ConsoleProfile } from '../../src/identity/console-profile.model';
import { UserError } from '../../src/errors';
import { ProfileStore } from '../../src/profiles/profile-store';
import { submitWebForm, uploadVcard } from '../../src/profiles/profile-uploads';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';

const PERSON = '6f1c2b9e-0d4a-4c3b-9a7e-5b2d8c1f0e3a';
const now = new Date('2026-11-24T08:00:00Z');
const day = (n: number) => new Date(Date.UTC(2026, 10, n));
const card = (rev: string | null, lines: string[]) =>
  ['BEGIN:VCARD', 'VERSION:3.0', ...lines, ...(rev ? [`REV:${rev}`] : []), 'END:VCARD', ''].join('\r\n');
const consoleProfile: ConsoleProfile = {
  accountId: 'acme', fakeId: '501', nickName: '小李', remarkName: '', userName: 'u501', signature: '',
  country: '中国', province: '', city: '', gender: 0, fetchedAt: day(1),
};

describe('uploads and forms from the person page, merged into the profile', () => {
  let documents: NedbDocumentStore;
  let profiles: ProfileStore;
  const valueOf = async (field: string) => (await profiles.profileOf(PERSON))?.items.find((item) => item.field === field);
  beforeEach(() => {
    documents = NedbDocumentStore.inMemory();
    profiles = new ProfileStore(documents, { now: () => now });
  });
  afterEach(async () => {
    await documents.close();
  });

  it('keeps a chat edit newer than the card (REV earlier), says so, and adds the fields the profile lacked', async () => {
    await profiles.mergePacket(PERSON, 'chat', { platform: 'wx', accountId: 'acme', field: 'title', value: '总监', at: day(22) });
    const report = await uploadVcard(profiles, PERSON, card('2026-11-20T00:00:00Z', ['FN:李雷', 'TITLE:经理', 'TEL:13800138000']), now);
    expect(report).toEqual({
      steps: [{ field: 'name', outcome: 'added' }, { field: 'title', outcome: 'kept' }],
      refused: [],
      notices: [
        { zh: '名片里的 1 个电话号码没有导入：手机号只能通过短信验证码绑定（“绑定”，即将推出）。', en: 'The phone number in the card was not imported: a phone is set only by `bind` and its SMS code (coming soon).' },
        { zh: '职位保留了现有的值：它比名片文件里的更新。', en: 'The title keeps its current value: it is newer than the one in the vCard.' },
      ],
      written: true,
    });
    expect(await valueOf('title')).toMatchObject({ value: '总监', source: { kind: 'chat' } });
    expect(await valueOf('name')).toMatchObject({ value: '李雷', source: { kind: 'vcard' }, sourceUpdatedAt: day(20), storedAt: now });
    expect(await valueOf('phone')).toBeUndefined();
  });

  it.each([
    ['a REV newer than the chat edit', '2026-11-23T00:00:00Z', day(23)],
    ['no REV: the upload time, newer than the chat edit', null, now],
  ])('replaces the chat edit with %s, keeping the old value in the history', async (_label, rev, time) => {
    await profiles.mergePacket(PERSON, 'chat', { platform: 'wx', accountId: 'acme', field: 'title', value: '总监', at: day(22) });
    const report = await uploadVcard(profiles, PERSON, card(rev, ['TITLE:经理']), now);
    expect(report).toEqual({ steps: [{ field: 'title', outcome: 'replaced' }], refused: [], notices: [], written: true });
    expect(await valueOf('title')).toMatchObject({
      value: '经理', source: { kind: 'vcard' }, sourceUpdatedAt: time,
      history: [{ value: '总监', source: { kind: 'chat', platform: 'wx', accountId: 'acme' }, sourceUpdatedAt: day(22) }],
    });
  });

  it('uploading the same card twice changes nothing the second time', async () => {
    const file = readFileSync(path.join(__dirname, '../fixtures/vcards/v4.vcf'));
    expect((await uploadVcard(profiles, PERSON, file, now)).written).toBe(true);
    const again = await uploadVcard(profiles, PERSON, file, now);
    expect(again.written).toBe(false);
    expect(new Set(again.steps.map((step) => step.outcome))).toEqual(new Set(['unchanged']));
    expect((await profiles.profileOf(PERSON))!.version).toBe(1);
  });

  it('refuses the items the validity table refuses and writes the rest', async () => {
    const report = await uploadVcard(profiles, PERSON, card(null, ['FN:张\u0007三', 'EMAIL:not-an-email', 'ORG:联络']), now);
    expect(report.steps).toEqual([{ field: 'company', outcome: 'added' }]);
    expect(report.refused).toEqual([
      { field: 'name', reason: { zh: '姓名含有控制字符', en: 'the name holds control characters' } },
      { field: 'email', reason: { zh: '邮箱格式不对，例如 li@example.com', en: 'not an email address, e.g. li@example.com' } },
    ]);
  });

  it.each([
    ['malformed', readFileSync(path.join(__dirname, '../fixtures/vcards/no-end.vcf'))],
    ['huge', card(null, ['FN:张三', `NOTE:${'x'.repeat(70_000)}`])],
  ])('changes nothing for a %s file, and refuses it in both languages', async (_label, file) => {
    await profiles.mergePacket(PERSON, 'chat', { platform: 'wx', accountId: 'acme', field: 'title', value: '总监', at: day(22) });
    const before = await profiles.profileOf(PERSON);
    await expect(uploadVcard(profiles, PERSON, file, now)).rejects.toBeInstanceOf(UserError);
    expect(await profiles.profileOf(PERSON)).toEqual(before);
  });

  it('a web form sets and clears fields in one write; a console value is not cleared, and the page is told why', async () => {
    await profiles.mergePacket(PERSON, 'console', { platform: 'wx', profile: consoleProfile });
    await profiles.mergePacket(PERSON, 'chat', { platform: 'wx', accountId: 'acme', field: 'email', value: 'li@example.com', at: day(2) });
    const report = await submitWebForm(profiles, PERSON, { name: '李雷', email: '', nickname: '', company: '', shoe: '42' }, now);
    expect(report).toEqual({
      steps: [{ field: 'name', outcome: 'added' }, { field: 'email', outcome: 'cleared' }, { field: 'company', outcome: 'unchanged' }],
      refused: [
        { field: 'shoe', reason: { zh: '没有“shoe”这个字段', en: 'there is no field "shoe"' } },
        {
          field: 'nickname',
          reason: {
            zh: '昵称来自平台资料，这里删不掉：请在平台上修改；不想让别人看到，可以把它设为仅自己可见',
            en: 'the nickname comes from the platform profile, so it cannot be cleared here: change it there, or hide it by sharing it with nobody',
          },
        },
      ],
      notices: [],
      written: true,
    });
    const profile = (await profiles.profileOf(PERSON))!;
    expect(profile.items.map((item) => [item.field, item.value, item.source.kind])).toEqual([
      ['nickname', '小李', 'console'], ['region', '中国', 'console'], ['name', '李雷', 'web'],
    ]);
    expect(profile.version).toBe(3);
    expect(profile.items.find((item) => item.field === 'name')!.sourceUpdatedAt).toEqual(now);
  });

  it('a web form that changes nothing writes nothing', async () => {
    await submitWebForm(profiles, PERSON, { nickname: '小李' }, now);
    const again = await submitWebForm(profiles, PERSON, { nickname: '小李', about: '' }, now);
    expect(again).toEqual({ steps: [{ field: 'nickname', outcome: 'unchanged' }, { field: 'about', outcome: 'unchanged' }], refused: [], notices: [], written: false });
    expect((await profiles.profileOf(PERSON))!.version).toBe(1);
  });
});
