/**
 * How the sandbox makes ids. Every id a test may assert on is derived from a counter or a hash,
 * never from `Math.random`, so two runs with the same inputs see the same ids.
 */
import { createHash } from 'node:crypto';

function sha1(text: string): Buffer {
  return createHash('sha1').update(text, 'utf8').digest();
}

/** The platform's own id of an account: `gh_` + 12 hex, from our account id. */
export function originalIdFor(accountId: string): string {
  return `gh_${sha1(`account:${accountId}`).toString('hex').slice(0, 12)}`;
}

/**
 * A follower's openID for one account: `o` + 27 base64url characters (the whole SHA-1 of the
 * pair), so it is the same every time the person follows that account and differs between accounts.
 */
export function openIdFor(originalId: string, fakeId: string): string {
  return `o${sha1(`openid:${originalId}:${fakeId}`).toString('base64url')}`;
}

/** How many FakeID spaces there are: each platform a sandbox plays draws from one. */
export const FAKE_ID_SPACES = 4;

/**
 * The n-th FakeID handed out (n from 1) in FakeID space `space` (0 to 3): 10 decimal digits.
 * Multiplying by an odd constant is a bijection modulo 2^31, so the ids look scattered yet never
 * collide; each space is its own 2^31-wide band above 1,000,000,000 (space 0 from 1,000,000,000,
 * space 3 up to 9,589,934,591), so two sandboxes playing two platforms never hand out the same id.
 */
export function fakeIdFor(n: number, space = 0): string {
  const scattered = (Math.imul(n, 0x9e3779b1) >>> 0) & 0x7fffffff;
  return String(1_000_000_000 + space * 2 ** 31 + scattered);
}

/** A push's MsgId: a 64-bit decimal made of the CreateTime and a per-platform counter. */
export function msgIdFor(createTime: number, counter: number): string {
  return ((BigInt(createTime) << 32n) | BigInt(counter >>> 0)).toString();
}

/** The n-th console session's token: 9 decimal digits (the digits after `token=`). */
export function sessionTokenFor(seed: number, n: number): string {
  const value = sha1(`token:${seed}:${n}`).readUInt32BE(0);
  return String(100_000_000 + (value % 900_000_000));
}

/** An opaque cookie value for the n-th session, e.g. `slave_sid`. */
export function cookieValueFor(name: string, seed: number, n: number): string {
  return sha1(`${name}:${seed}:${n}`).toString('base64url');
}

/** A 4-letter captcha text, new for each (account, generation). */
export function captchaTextFor(accountId: string, generation: number): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz';
  const bytes = sha1(`captcha:${accountId}:${generation}`);
  return Array.from(bytes.subarray(0, 4), (b) => alphabet[b % alphabet.length]).join('');
}
