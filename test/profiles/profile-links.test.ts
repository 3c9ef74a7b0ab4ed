import { LinkTokens } from '../../src/profiles/link-tokens';
import type { Person } from '../../src/profiles/person.model';
import type { PersonIdentity } from '../../src/profiles/person-identity.model';
import { buildCard } from '../../src/profiles/card';
import { profileExport } from '../../src/profiles/profile-export';
import { AS_CIRCLES_SEE_IT, ProfileLinks } from '../../src/profiles/profile-links';
import { PROFILE_FIELDS } from '../../src/profiles/profile-fields';
import { withDefaults } from '../../src/profiles/visibility-settings';
import { CHAT, T1, T2, profileWith } from '../builders/profile-builders';

const ME = '11111111-1111-4111-8111-111111111111';
const YOU = '22222222-2222-4222-8222-222222222222';
const NOW = new Date('2026-11-24T10:00:00Z');
const me: Person = { personId: ME, code: 'K7P2QXM', createdAt: T1 };
const you: Person = { personId: YOU, code: 'Q7K2PXA', createdAt: T1 };
const identity: PersonIdentity = { platform: 'wx', fakeId: '501', personId: ME, accounts: [{ accountId: 'acme', openId: 'oAlice' }, { accountId: 'club', openId: 'oAliceClub' }], createdAt: T1 };

/** Links over fixed persons; `known` says who still exists. */
function links(known: Person[] = [me, you]) {
  const tokens = new LinkTokens(() => Promise.resolve(Buffer.from('a secret for the profile links tests, 32+')), () => NOW);
  const asked: string[] = [];
  const profile = profileWith({ name: '张三', nickname: '小张', email: 'z@example.com' });
  const cards = {
    cardFor: (requesterId: string, target: Person) => {
      asked.push(`${requesterId} -> ${target.code}`);
      return Promise.resolve(buildCard(target.code, profile, requesterId === target.personId ? PROFILE_FIELDS : ['nickname']));
    },
    asCircles: (target: Person) => {
      asked.push(`circles -> ${target.code}`);
      return Promise.resolve(buildCard(target.code, profile, ['name', 'nickname']));
    },
  };
  const service = new ProfileLinks({
    tokens,
    persons: { personById: (id) => Promise.resolve(known.find((p) => p.personId === id) ?? null), identitiesOf: () => Promise.resolve([identity]) },
    profiles: { profileOf: () => Promise.resolve(profile) },
    visibility: { settingsOf: () => Promise.resolve(withDefaults(null)), documentOf: () => Promise.resolve(null) },
    cards,
    accountFacts: (accountId) => Promise.resolve(accountId === 'acme' ? { tied: { strategy: 'beacon', at: T2 }, language: 'zh' as const } : {}),
    publicUrl: () => 'https://bot.example.com',
    now: () => NOW,
  });
  return { service, asked };
}

const tokenOf = (url: string) => /\/(?:cards|export|me)\/([^/.]+)/.exec(url)![1]!;

describe('ProfileLinks', () => {
  it('makes absolute links under the public URL, each expiring with its kind', async () => {
    const { service } = links();
    const card = await service.cardLink(YOU, ME);
    expect(card.url).toMatch(/^https:\/\/bot\.example\.com\/cards\/[A-Za-z0-9_-]{87}\.vcf$/);
    expect(card.expiresAt).toEqual(new Date('2026-11-25T10:00:00Z'));
    expect((await service.exportLink(ME)).url).toMatch(/^https:\/\/bot\.example\.com\/export\/[A-Za-z0-9_-]{66}\.json$/);
    const page = await service.pageLink(ME);
    expect(page.url).toMatch(/^https:\/\/bot\.example\.com\/me\/[A-Za-z0-9_-]{66}$/);
    expect(page.expiresAt).toEqual(new Date('2026-11-24T11:00:00Z'));
  });

  it('a card link is judged for the requester it names; an own-card link as circles see it', async () => {
    const { service, asked } = links();
    const other = await service.vcard(tokenOf((await service.cardLink(YOU, ME)).url));
    expect(other).toMatchObject({ filename: '小张.vcf', asciiFilename: 'lianluo-K7P2QXM.vcf' });
    expect((other as { body: string }).body).toContain('NICKNAME;CHARSET=UTF-8:小张');
    expect((other as { body: string }).body).not.toContain('EMAIL');
    const own = await service.vcard(tokenOf((await service.ownCardLink(ME)).url));
    expect(own).toMatchObject({ filename: '张三.vcf' });
    expect(asked).toEqual([`${YOU} -> K7P2QXM`, 'circles -> K7P2QXM']);
  });

  it('finds nothing when the target or the requester is no longer known, and nothing for a token of another kind', async () => {
    const card = await links().service.cardLink(YOU, ME);
    expect(await links([you]).service.vcard(tokenOf(card.url))).toEqual({ refused: 'not-found' });
    expect(await links([me]).service.vcard(tokenOf(card.url))).toEqual({ refused: 'not-found' });
    const own = await links().service.ownCardLink(ME);
    expect(await links([me]).service.vcard(tokenOf(own.url))).not.toHaveProperty('refused');
    const exported = await links().service.exportLink(ME);
    expect(await links().service.vcard(tokenOf(exported.url))).toEqual({ refused: 'not-found' });
    expect(await links([you]).service.exportJson(tokenOf(exported.url))).toEqual({ refused: 'not-found' });
    expect(await links().service.exportJson('nonsense')).toEqual({ refused: 'not-found' });
  });

  it('never names a person by the nil UUID: it stands for people in circles', () => {
    expect(AS_CIRCLES_SEE_IT).toBe('00000000-0000-0000-0000-000000000000');
  });

  it('exports everything about the person, with the facts of each account it was seen through, and no GUID', async () => {
    const { service } = links();
    const download = await service.exportJson(tokenOf((await service.exportLink(ME)).url));
    if ('refused' in download) throw new Error('refused');
    expect(download.filename).toBe('lianluo-export-K7P2QXM.json');
    const data = JSON.parse(download.body);
    expect(data.identities).toEqual([{
      platform: 'wx', fakeId: '501', since: T1.toISOString(),
      accounts: [
        { accountId: 'acme', openId: 'oAlice', tied: { strategy: 'beacon', at: T2.toISOString() }, language: 'zh' },
        { accountId: 'club', openId: 'oAliceClub', language: null },
      ],
    }]);
    expect(download.body).not.toContain(ME);
  });
});

describe('profileExport', () => {
  it('writes fields in card order with history and console sightings, and marks which sharing the person chose', () => {
    const profile = profileWith({ email: 'new@example.com', name: '张三' });
    profile.items[0]!.history = [{ value: 'old@example.com', source: CHAT, sourceUpdatedAt: T1 }];
    const settings = withDefaults({ personId: ME, updatedAt: T2, email: { audience: 'contacts', circles: ['Q7K2PX'] } });
    const data = profileExport({
      person: me, identities: [], accountFacts: [], profile, settings,
      chosen: { personId: ME, updatedAt: T2, email: { audience: 'contacts', circles: ['Q7K2PX'] } }, exportedAt: NOW,
    });
    expect(Object.keys(data.profile.fields)).toEqual(['name', 'email']);
    expect(data.profile.fields.email).toEqual({
      value: 'new@example.com', source: { kind: 'chat', platform: 'sandbox', accountId: 'acct1' },
      sourceUpdatedAt: T1.toISOString(), storedAt: T2.toISOString(),
      history: [{ value: 'old@example.com', source: { kind: 'chat', platform: 'sandbox', accountId: 'acct1' }, sourceUpdatedAt: T1.toISOString() }],
      consoleSeen: [],
    });
    expect(data.visibility.fields.email).toEqual({ audience: 'contacts', circles: ['Q7K2PX'], chosen: true });
    expect(data.visibility.fields.status).toEqual({ audience: 'contacts', circles: [], chosen: false });
    expect(data.visibility.updatedAt).toBe(T2.toISOString());
    expect(data.person).toEqual({ code: 'K7P2QXM', created: T1.toISOString() });
  });
});
