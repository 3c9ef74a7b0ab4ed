import { randomInt } from 'node:crypto';

/** The alphabet of person codes (docs commands.md §1): no 0/O, 1/I, so a code read aloud or copied by hand survives. */
export const PERSON_CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const PERSON_CODE_LENGTH = 7;

const PATTERN = new RegExp(`^[${PERSON_CODE_ALPHABET}]{${PERSON_CODE_LENGTH}}$`);

/** A fresh person code, e.g. `K7P2QXM`: 7 characters drawn with crypto randomness (32^7, some 34 billion codes). */
export function newPersonCode(): string {
  let code = '';
  for (let i = 0; i < PERSON_CODE_LENGTH; i += 1) code += PERSON_CODE_ALPHABET[randomInt(PERSON_CODE_ALPHABET.length)];
  return code;
}

/**
 * A typed code as stored: codes are case-insensitive and people add spaces, so `k7p2 qxm`
 * becomes `K7P2QXM`. Null when what is left is not a person code.
 */
export function parsePersonCode(typed: string): string | null {
  const code = typed.replace(/[\s\u3000]/g, '').toUpperCase();
  return PATTERN.test(code) ? code : null;
}

/** True for a code in the stored form. */
export function isPersonCode(code: string): boolean {
  return PATTERN.test(code);
}
