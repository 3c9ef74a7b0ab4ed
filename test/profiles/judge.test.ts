import { judge, type AllowedBecause, type Operation } from '../../src/profiles/judge';
import { ANYONE, SELF, type Relation } from '../../src/profiles/relation';
import { SHAREABLE_FIELDS, type ShareableField } from '../../src/profiles/shareable-fields';
import { DEFAULT_AUDIENCES, withDefaults, type VisibilitySettings } from '../../src/profiles/visibility-settings';
import type { FieldShare } from '../../src/profiles/visibility.model';

const ME = '11111111-1111-4111-8111-111111111111';
const YOU = '22222222-2222-4222-8222-222222222222';
const GRANTED = 'Q7K2PX';
const OTHER_CIRCLE = 'M3N4P5';

/** The relations of the table; the requester is YOU unless the row is `self`. */
const relations: Record<string, { requester: string; relation: Relation }> = {
  self: { requester: ME, relation: SELF },
  contact: { requester: YOU, relation: { kind: 'other', contact: true, commonCircles: [] } },
  'member of the granted circle': { requester: YOU, relation: { kind: 'other', contact: false, commonCircles: [GRANTED] } },
  'member of another circle': { requester: YOU, relation: { kind: 'other', contact: false, commonCircles: [OTHER_CIRCLE] } },
  'contact in another circle': { requester: YOU, relation: { kind: 'other', contact: true, commonCircles: [OTHER_CIRCLE] } },
  anyone: { requester: YOU, relation: ANYONE },
  // A relation source that wrongly says "self" about someone else grants nothing.
  'another claiming self': { requester: YOU, relation: SELF },
};
type RelationName = keyof typeof relations;

/** The shares of the table: an audience, with or without a grant to the circle. */
const shares: Record<string, FieldShare> = {
  nobody: { audience: 'nobody', circles: [] },
  contacts: { audience: 'contacts', circles: [] },
  circles: { audience: 'circles', circles: [] },
  everyone: { audience: 'everyone', circles: [] },
  'nobody + circle:Q7K2PX': { audience: 'nobody', circles: [GRANTED] },
  'contacts + circle:Q7K2PX': { audience: 'contacts', circles: [GRANTED] },
};
type ShareName = keyof typeof shares;

const X = 'refused';
type Expected = AllowedBecause | typeof X;

/** Who sees: one row per share, one column per relation (in the order of `relations`). */
const SEE: Record<ShareName, Expected[]> = {
  // columns: self, contact, member of the granted circle, member of another circle,
  // contact in another circle, anyone, another claiming self
  nobody: ['self', X, X, X, X, X, X],
  contacts: ['self', 'contact', X, X, 'contact', X, X],
  circles: ['self', 'contact', 'circle', 'circle', 'contact', X, X],
  everyone: ['self', 'everyone', 'everyone', 'everyone', 'everyone', 'everyone', 'everyone'],
  'nobody + circle:Q7K2PX': ['self', X, 'circle-grant', X, X, X, X],
  'contacts + circle:Q7K2PX': ['self', 'contact', 'circle-grant', X, 'contact', X, X],
};

/** Settings where `field` has `share` and every other field its default. */
const settingsWith = (field: ShareableField, share: FieldShare): VisibilitySettings => ({ ...withDefaults(null), [field]: share });

/** The judge's answer for each field, when that field alone has `share`: its `because`, or `refused`. */
function answers(operation: Operation, share: FieldShare, relationName: RelationName): Record<ShareableField, Expected> {
  const { requester, relation } = relations[relationName]!;
  return Object.fromEntries(
    SHAREABLE_FIELDS.map((field) => {
      const verdict = judge({ requester, target: ME, operation, field, relation, settings: settingsWith(field, share) });
      return [field, verdict.allowed ? verdict.because : X];
    }),
  ) as Record<ShareableField, Expected>;
}

const every = (expected: Expected) => Object.fromEntries(SHAREABLE_FIELDS.map((field) => [field, expected]));

const relationNames = Object.keys(relations);
const seeCases = Object.entries(SEE).flatMap(([share, row]) => row.map((expected, i) => [share, relationNames[i]!, expected] as const));
const changeCases = Object.keys(shares).flatMap((share) => relationNames.map((name) => [share, name, name === 'self' ? 'self' : X] as const));

describe('judge: see, for every field, share and relation', () => {
  it.each(seeCases)('a field shared with %s, seen by %s: %s', (share, relation, expected) => {
    expect(answers('see', shares[share]!, relation)).toEqual(every(expected));
  });
});

describe('judge: change is for the person alone, whatever the settings', () => {
  it.each(changeCases)('a field shared with %s, changed by %s: %s', (share, relation, expected) => {
    expect(answers('change', shares[share]!, relation)).toEqual(every(expected));
  });

  it('refuses with a reason in both languages that says what to do instead', () => {
    const verdict = judge({ requester: YOU, target: ME, operation: 'change', field: 'email', relation: ANYONE, settings: settingsWith('email', shares.everyone!) });
    expect(verdict).toEqual({ allowed: false, reason: 'not-owner', message: { zh: expect.stringContaining('设置'), en: expect.stringContaining('`set') } });
  });
});

describe('judge: the defaults (commands.md §2)', () => {
  const visible = (relationName: RelationName) => {
    const { requester, relation } = relations[relationName]!;
    const settings = withDefaults(null);
    return SHAREABLE_FIELDS.filter((field) => judge({ requester, target: ME, operation: 'see', field, relation, settings }).allowed);
  };

  it('nickname, gender and region go to circles, the status to contacts, the rest to nobody', () => {
    expect(Object.entries(DEFAULT_AUDIENCES).filter(([, audience]) => audience !== 'nobody')).toEqual([
      ['nickname', 'circles'], ['gender', 'circles'], ['region', 'circles'], ['status', 'contacts'],
    ]);
  });

  it.each([
    ['self', [...SHAREABLE_FIELDS]],
    ['contact', ['nickname', 'gender', 'region', 'status']],
    ['member of the granted circle', ['nickname', 'gender', 'region']],
    ['member of another circle', ['nickname', 'gender', 'region']],
    ['contact in another circle', ['nickname', 'gender', 'region', 'status']],
    ['anyone', []],
    ['another claiming self', []],
  ] as const)('%s sees %j', (relationName, fields) => {
    expect(visible(relationName)).toEqual(fields);
  });

  it('a field not shared says so in both languages, naming the field', () => {
    const verdict = judge({ requester: YOU, target: ME, operation: 'see', field: 'email', relation: ANYONE, settings: withDefaults(null) });
    expect(verdict).toEqual({ allowed: false, reason: 'not-shared', message: { zh: expect.stringContaining('邮箱'), en: expect.stringContaining('email') } });
  });
});
