/**
 * Seeds the embedded document store with persons as the bot would have made them: a tie
 * (openID → FakeID) with its console profile, the person, the console's items merged, two
 * fields set from chat, and the email shared with everyone. Measures the merges.
 */
import { IdentityStore } from '../../src/identity/identity-store';
import { PersonDirectory } from '../../src/profiles/person-directory';
import { ProfileStore } from '../../src/profiles/profile-store';
import { VisibilityStore } from '../../src/profiles/visibility-store';
import { MemoryCache } from '../../src/stores/memory-cache';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';

export interface SeededPerson {
  openId: string;
  code: string;
}

export interface SeedFigures {
  persons: SeededPerson[];
  /** Merges (console packet, then each chat `set`) per second, over the whole seeding. */
  mergesPerSecond: number;
  seedSeconds: number;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋'];
const CITIES: ReadonlyArray<[string, string]> = [['广东', '广州'], ['北京', '北京'], ['上海', '上海'], ['浙江', '杭州'], ['四川', '成都']];

/** The openID of the `i`th seeded follower: 28 characters, as the platform's are. */
export const openIdOf = (i: number): string => `oBenchProfile${String(i).padStart(15, '0')}`;

/**
 * Writes `count` persons of account `accountId` into the nedb store under `dataDir`, then closes
 * it so the bot process can open the same files. Deterministic: person `i` is the same every run.
 */
export async function seedPersons(dataDir: string, accountId: string, platform: string, count: number): Promise<SeedFigures> {
  const documents = new NedbDocumentStore(dataDir);
  const cache = new MemoryCache();
  const identities = new IdentityStore(documents, cache);
  const persons = new PersonDirectory(documents, cache, { now: () => new Date() });
  const profiles = new ProfileStore(documents, { now: () => new Date() });
  const visibility = new VisibilityStore(documents, () => new Date());
  const seeded: SeededPerson[] = [];
  let merges = 0;
  let mergeMs = 0;
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const openId = openIdOf(i);
    const fakeId = String(3_000_000_000 + i);
    const [province, city] = CITIES[i % CITIES.length]!;
    const at = new Date(Date.now() - 86_400_000);
    await identities.tie({ accountId, openId, fakeId, strategy: 'time-match', resolvedAt: at });
    const profile = {
      accountId, fakeId, nickName: `${SURNAMES[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}${i}`, remarkName: '', userName: '',
      signature: '一起学习，共同进步 / learning together', country: '中国', province, city, gender: 1 + (i % 2), fetchedAt: at,
    };
    await identities.saveProfile(openId, profile);
    const person = await persons.personFor(platform, fakeId, accountId, openId);
    const mergeStarted = performance.now();
    await profiles.mergePacket(person.personId, 'console', { platform, profile });
    await profiles.mergePacket(person.personId, 'chat', { platform, accountId, field: 'email', value: `p${i}@example.com`, at: new Date() });
    await profiles.mergePacket(person.personId, 'chat', { platform, accountId, field: 'company', value: `联络科技 ${i % 100} 部`, at: new Date() });
    mergeMs += performance.now() - mergeStarted;
    merges += 3;
    await visibility.share(person.personId, 'email', 'everyone');
    seeded.push({ openId, code: person.code });
  }
  const seedSeconds = (performance.now() - started) / 1000;
  await cache.close();
  await documents.close();
  return { persons: seeded, mergesPerSecond: merges / (mergeMs / 1000), seedSeconds };
}
