import { isPersonCode, newPersonCode, parsePersonCode, PERSON_CODE_ALPHABET } from '../../src/profiles/person-code';

describe('person codes', () => {
  it('are 7 characters of the alphabet of commands.md §1, which leaves out 0, 1, I and O', () => {
    expect(PERSON_CODE_ALPHABET).toBe('23456789ABCDEFGHJKLMNPQRSTUVWXYZ');
    const codes = Array.from({ length: 2000 }, () => newPersonCode());
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{7}$/);
    // 14,000 draws over 32 characters: each one shows up (a generator stuck on part of the alphabet fails).
    expect(new Set(codes.join('')).size).toBe(32);
    // Not a counter or a clock: consecutive codes differ in most positions.
    const same = codes.slice(1).filter((code, i) => code.slice(0, 4) === codes[i]!.slice(0, 4));
    expect(same.length).toBeLessThan(5);
  });

  it.each<[string, string | null]>([
    ['K7P2QXM', 'K7P2QXM'],
    ['k7p2qxm', 'K7P2QXM'],
    [' k7p2 qxm ', 'K7P2QXM'],
    ['K7P2\u3000QXM', 'K7P2QXM'],
    ['K7P2QX', null],
    ['K7P2QXMM', null],
    ['K7P2QX0', null],
    ['K7P2QXI', null],
    ['K7P2QX!', null],
    ['', null],
  ])('parsePersonCode(%j) is %j', (typed, code) => {
    expect(parsePersonCode(typed)).toBe(code);
  });

  it('knows the stored form only', () => {
    expect(isPersonCode('K7P2QXM')).toBe(true);
    expect(isPersonCode('k7p2qxm')).toBe(false);
  });
});
