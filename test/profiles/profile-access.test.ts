import { ProfileAccess } from '../../src/profiles/profile-access';
import { combinedRelations, noRelations, relationBetween, type RelationFacts, type RelationSource } from '../../src/profiles/relation';
import { VisibilityStore } from '../../src/profiles/visibility-store';
import type { DocumentStore } from '../../src/stores/document-store';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ME = '11111111-1111-4111-8111-111111111111';
const YOU = '22222222-2222-4222-8222-222222222222';

/** A relation source with fixed facts, counting the questions it gets. */
function fixedRelations(facts: RelationFacts): RelationSource & { asked: number } {
  const source = {
    asked: 0,
    relationFacts: () => {
      source.asked += 1;
      return Promise.resolve(facts);
    },
  };
  return source;
}

describe('ProfileAccess', () => {
  let dir: string;
  let store: DocumentStore;
  let visibility: VisibilityStore;
  let reads: jest.SpyInstance;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lianluo-access-'));
    store = new NedbDocumentStore(dir);
    visibility = new VisibilityStore(store);
    reads = jest.spyOn(visibility, 'settingsOf');
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('before contacts and circles exist, another person sees nothing by default, and the person everything', async () => {
    const access = new ProfileAccess(visibility, noRelations);
    expect(await access.visibleFields(YOU, ME)).toEqual([]);
    expect(await access.visibleFields(ME, ME)).toHaveLength(13);
    await visibility.share(ME, 'nickname', 'everyone');
    expect(await access.visibleFields(YOU, ME)).toEqual(['nickname']);
  });

  it('a card is one settings read and one relation question, not one per field', async () => {
    const relations = fixedRelations({ contact: true });
    await visibility.share(ME, 'email', 'contacts');
    reads.mockClear();
    const access = new ProfileAccess(visibility, relations);
    expect(await access.visibleFields(YOU, ME)).toEqual(['nickname', 'gender', 'region', 'email', 'status']);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(relations.asked).toBe(1);
  });

  it('asks no relation source about the person themself', async () => {
    const relations = fixedRelations({});
    const access = new ProfileAccess(visibility, relations);
    expect(await access.check(ME, ME, 'change', 'email')).toEqual({ allowed: true, because: 'self' });
    expect(relations.asked).toBe(0);
  });

  it('permission denies, then allows after share; change by another stays refused', async () => {
    const access = new ProfileAccess(visibility, noRelations);
    expect(await access.check(YOU, ME, 'see', 'email')).toMatchObject({ allowed: false, reason: 'not-shared' });
    await visibility.share(ME, 'email', 'everyone');
    expect(await access.check(YOU, ME, 'see', 'email')).toEqual({ allowed: true, because: 'everyone' });
    expect(await access.check(YOU, ME, 'change', 'email')).toMatchObject({ allowed: false, reason: 'not-owner' });
  });

  it('later issues plug in: a contacts source and a circles source, combined', async () => {
    const contacts = fixedRelations({ contact: true });
    const circles = fixedRelations({ commonCircles: ['Q7K2PX'] });
    await visibility.share(ME, 'company', 'circle:Q7K2PX');
    await visibility.share(ME, 'email', 'contacts');
    const access = new ProfileAccess(visibility, combinedRelations(contacts, circles));
    expect(await access.visibleFields(YOU, ME)).toEqual(['nickname', 'gender', 'region', 'email', 'company', 'status']);
    expect(await new ProfileAccess(visibility, circles).visibleFields(YOU, ME)).toEqual(['nickname', 'gender', 'region', 'company']);
  });

  it('a relation source that fails fails the question: no permission on a guess', async () => {
    const broken: RelationSource = { relationFacts: () => Promise.reject(new Error('contacts store down')) };
    await expect(new ProfileAccess(visibility, broken).visibleFields(YOU, ME)).rejects.toThrow('contacts store down');
  });
});

describe('relations', () => {
  it('combines sources: a contact when any says so, the union of common circles', async () => {
    const source = combinedRelations(fixedRelations({ contact: false, commonCircles: ['Q7K2PX'] }), fixedRelations({ contact: true, commonCircles: ['Q7K2PX', 'M3N4P5'] }));
    expect(await relationBetween(source, YOU, ME)).toEqual({ kind: 'other', contact: true, commonCircles: ['Q7K2PX', 'M3N4P5'] });
    expect(await relationBetween(combinedRelations(), YOU, ME)).toEqual({ kind: 'other', contact: false, commonCircles: [] });
  });

  it('no relations yet: everyone is anyone, except the person to themself', async () => {
    expect(await relationBetween(noRelations, YOU, ME)).toEqual({ kind: 'other', contact: false, commonCircles: [] });
    expect(await relationBetween(noRelations, ME, ME)).toEqual({ kind: 'self' });
  });
});
