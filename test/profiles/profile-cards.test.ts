import { ProfileAccess } from '../../src/profiles/profile-access';
import { A_CONTACT, IN_A_CIRCLE, ProfileCards } from '../../src/profiles/profile-cards';
import type { ProfileField } from '../../src/profiles/profile-fields';
import { ANYONE, SELF, noRelations, type Relation } from '../../src/profiles/relation';
import { VisibilityStore } from '../../src/profiles/visibility-store';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';
import { profileWith } from '../builders/profile-builders';

const ME = '11111111-1111-4111-8111-111111111111';
const YOU = '22222222-2222-4222-8222-222222222222';
const person = { personId: ME, code: 'K7P2QXM', createdAt: new Date('2026-11-24T08:00:00Z') };

function setup(values: Partial<Record<ProfileField, string>>) {
  const store = NedbDocumentStore.inMemory();
  const visibility = new VisibilityStore(store);
  const access = new ProfileAccess(visibility, noRelations);
  const profiles = { profileOf: () => Promise.resolve(profileWith(values)) };
  return { store, visibility, access, cards: new ProfileCards(profiles, access) };
}

const ALL = { name: '张三', nickname: '小张', gender: 'male', region: '北京', email: 'z@example.com', company: '联络' };

describe('ProfileAccess.visibleFieldsAs', () => {
  it.each<[string, Relation, string[]]>([
    ['someone in a circle: the defaults', IN_A_CIRCLE, ['nickname', 'gender', 'region']],
    ['a contact: the circle defaults and the status', A_CONTACT, ['nickname', 'gender', 'region', 'status']],
    ['anyone: nothing by default', ANYONE, []],
    ['self: nothing, a preview is of someone else', SELF, []],
  ])('%s', async (_name, relation, expected) => {
    const { access, store } = setup({});
    expect(await access.visibleFieldsAs(ME, [relation])).toEqual([expected]);
    await store.close();
  });

  it('answers several relations with one settings read, and a grant to one circle reaches no preview', async () => {
    const { access, visibility, store } = setup({});
    await visibility.share(ME, 'email', 'circle:Q7K2PX');
    await visibility.share(ME, 'company', 'everyone');
    const reads = jest.spyOn(visibility, 'settingsOf');
    const [circle, contact, anyone] = await access.visibleFieldsAs(ME, [IN_A_CIRCLE, A_CONTACT, ANYONE]);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(circle).toEqual(['nickname', 'gender', 'region', 'company']);
    expect(contact).toEqual(['nickname', 'gender', 'region', 'company', 'status']);
    expect(anyone).toEqual(['company']);
    // A member of that circle does see it: the grant is real, it is only not in the preview.
    expect(await access.visibleFieldsAs(ME, [{ kind: 'other', contact: false, commonCircles: ['Q7K2PX'] }])).toEqual([['nickname', 'gender', 'region', 'email', 'company']]);
    await store.close();
  });
});

describe('ProfileCards', () => {
  it('the own card is what circles see, counting only fields that are set', async () => {
    const { cards, visibility, store } = setup(ALL);
    let view = await cards.ownCard(person);
    expect(view.card.entries.map((entry) => entry.field)).toEqual(['nickname', 'gender', 'region']);
    expect(view).toMatchObject({ contactsSeeMore: 0, anyoneSees: 0 });
    await visibility.share(ME, 'email', 'contacts');
    await visibility.share(ME, 'name', 'contacts');
    await visibility.share(ME, 'website', 'contacts'); // not set: counts nowhere
    await visibility.share(ME, 'region', 'everyone');
    view = await cards.ownCard(person);
    expect(view).toMatchObject({ contactsSeeMore: 2, anyoneSees: 1 });
    expect((await cards.asCircles(person)).entries.map((entry) => entry.field)).toEqual(['nickname', 'gender', 'region']);
    await store.close();
  });

  it("another's card holds what the judge lets the requester see now", async () => {
    const { cards, visibility, store } = setup(ALL);
    expect((await cards.cardFor(YOU, person)).entries).toEqual([]);
    await visibility.share(ME, 'company', 'everyone');
    expect((await cards.cardFor(YOU, person)).entries.map((entry) => [entry.field, entry.value])).toEqual([['company', '联络']]);
    expect((await cards.cardFor(ME, person)).entries).toHaveLength(6);
    await store.close();
  });
});
