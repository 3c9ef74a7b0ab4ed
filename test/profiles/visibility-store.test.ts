import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../src/errors';
import { SHAREABLE_FIELDS } from '../../src/profiles/shareable-fields';
import { DEFAULT_AUDIENCES, withDefaults } from '../../src/profiles/visibility-settings';
import { VisibilityStore } from '../../src/profiles/visibility-store';
import { visibilityModel } from '../../src/profiles/visibility.model';
import type { DocumentStore } from '../../src/stores/document-store';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';
import { documentBackends } from '../builders/document-backends';

const ME = '11111111-1111-4111-8111-111111111111';
const YOU = '22222222-2222-4222-8222-222222222222';
const at = new Date('2026-11-24T08:00:00Z');
const defaults = withDefaults(null);

/** The UserError `promise` rejects with (failing the test when it resolves or throws anything else). */
async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error: unknown = await promise.then(() => null, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

for (const backend of documentBackends()) {
  describe(`VisibilityStore (${backend.name} store)`, () => {
    let store: DocumentStore;
    let share: (() => Promise<DocumentStore>) | null;
    let visibility: VisibilityStore;
    const opened: DocumentStore[] = [];

    beforeEach(async () => {
      ({ store, share } = await backend.open());
      opened.push(store);
      visibility = new VisibilityStore(store, () => at);
    });
    afterEach(async () => {
      for (const closing of opened.splice(0)) await closing.close();
    });

    it('gives the defaults to a person who has set nothing, and stores nothing for them', async () => {
      const settings = await visibility.settingsOf(ME);
      expect(Object.fromEntries(SHAREABLE_FIELDS.map((field) => [field, settings[field]]))).toEqual(
        Object.fromEntries(SHAREABLE_FIELDS.map((field) => [field, { audience: DEFAULT_AUDIENCES[field], circles: [] }])),
      );
      expect(await store.collection(visibilityModel).count({})).toBe(0);
    });

    it('shares one field with an audience, keeps the others at their defaults, and stores one document per person', async () => {
      const outcome = await visibility.share(ME, '邮箱', 'contacts');
      expect(outcome.fields).toEqual(['email']);
      expect(outcome.sharedWith).toEqual({ audience: 'contacts' });
      expect(outcome.settings).toEqual({ ...defaults, email: { audience: 'contacts', circles: [] } });
      await visibility.share(ME, 'nickname', 'nobody');
      expect(await visibility.settingsOf(ME)).toEqual({
        ...defaults, email: { audience: 'contacts', circles: [] }, nickname: { audience: 'nobody', circles: [] },
      });
      expect(await visibility.settingsOf(YOU)).toEqual(defaults);
      expect(await store.collection(visibilityModel).find({})).toEqual([
        { personId: ME, updatedAt: at, email: { audience: 'contacts', circles: [] }, nickname: { audience: 'nobody', circles: [] } },
      ]);
    });

    it('shares all fields at once (all / 全部)', async () => {
      const outcome = await visibility.share(ME, '全部', '所有人');
      expect(outcome.fields).toEqual([...SHAREABLE_FIELDS]);
      expect(Object.values(await visibility.settingsOf(ME))).toEqual(SHAREABLE_FIELDS.map(() => ({ audience: 'everyone', circles: [] })));
    });

    it('adds circle grants on top of the audience, once each; an audience word then replaces them', async () => {
      await visibility.share(ME, 'email', 'contacts');
      await visibility.share(ME, 'email', 'circle:q7k2px');
      await visibility.share(ME, 'email', '圈:M3N4P5');
      await visibility.share(ME, 'email', 'circle:Q7K2PX');
      expect((await visibility.settingsOf(ME)).email).toEqual({ audience: 'contacts', circles: ['Q7K2PX', 'M3N4P5'] });
      // A grant on a field never shared keeps that field's default audience.
      await visibility.share(ME, 'region', 'circle:Q7K2PX');
      expect((await visibility.settingsOf(ME)).region).toEqual({ audience: 'circles', circles: ['Q7K2PX'] });
      await visibility.share(ME, 'email', 'nobody');
      expect((await visibility.settingsOf(ME)).email).toEqual({ audience: 'nobody', circles: [] });
    });

    it.each([
      ['an unknown field', 'mail', 'everyone', 'There is no field "mail"', '没有“mail”这个字段'],
      ['no field', '', 'everyone', 'There is no field ""', '可以公开的字段'],
      ['an unknown audience', 'email', 'friends', '"friends" is not an audience', '“friends”不是公开范围'],
      ['a short circle code', 'all', 'circle:Q7K2P', 'circle:<6-character circle code>', '圈:<6位圈号>'],
      ['a pasted essay, echoed cut', 'email', 'x'.repeat(200), `"${'x'.repeat(20)}…" is not an audience`, '仅自己、联系人、圈友、所有人'],
    ])('refuses %s in both languages and changes nothing', async (_case, field, audience, en, zh) => {
      await visibility.share(ME, 'email', 'contacts');
      const error = await refusal(visibility.share(ME, field, audience));
      expect(error.text.en).toContain(en);
      expect(error.text.zh).toContain(zh);
      expect(await visibility.settingsOf(ME)).toEqual({ ...defaults, email: { audience: 'contacts', circles: [] } });
    });

    it('keeps settings in the store: another VisibilityStore (another process where the backend allows it) reads them', async () => {
      await visibility.share(ME, 'company', 'circles');
      const second = share ? await share() : store;
      if (second !== store) opened.push(second);
      expect((await new VisibilityStore(second).settingsOf(ME)).company).toEqual({ audience: 'circles', circles: [] });
    });
  });
}

describe('VisibilityStore on the embedded store across a restart', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lianluo-visibility-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reads after reopening the files what was shared before closing them', async () => {
    const first = new NedbDocumentStore(dir);
    await new VisibilityStore(first, () => at).share(ME, 'website', 'circle:Q7K2PX');
    await first.close();
    const second = new NedbDocumentStore(dir);
    try {
      expect((await new VisibilityStore(second).settingsOf(ME)).website).toEqual({ audience: 'nobody', circles: ['Q7K2PX'] });
    } finally {
      await second.close();
    }
  });
});
