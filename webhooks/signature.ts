/**
 * Push signatures (docs/protocol.md §2.1 and 2.5): SHA-1 over the sorted parts, and a constant-time
 * comparison so a forger cannot learn the right signature byte by byte from response times.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const HEX = /^[0-9a-fA-F]+$/;

/**
 * Signs a push the way the platform does: sort the parts lexicographically, join them without
 * a separator, SHA-1, lowercase hex.
 *
 * Without `encrypt` this is the `signature` query parameter of every request (2.1); with the
 * `Encrypt` field of an encrypted push it is `msg_signature` (2.5), and the same function signs
 * our encrypted replies.
 */
export function signPush(token: string, timestamp: string, nonce: string, encrypt?: string): string {
  const parts = encrypt === undefined ? [token, timestamp, nonce] : [token, timestamp, nonce, encrypt];
  // Default sort compares UTF-16 code units; every part is ASCII, so this is the byte order
  // the platform's own samples use.
  parts.sort();
  return createHash('sha1').update(parts.join(''), 'utf8').digest('hex');
}

/**
 * Compares an expected signature with the one a request carried, in constant time.
 *
 * `given` is `unknown` because it comes straight from a query string (it may be missing, or an
 * array when the parameter is repeated). Returns false, never throws, when `given` is not a
 * string, is not hex, or has a different length; hex case is ignored.
 */
export function signaturesMatch(expected: string, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  if (!isEvenHex(expected) || !isEvenHex(given)) return false;
  // The length of a signature is public (always 40), so leaking it by returning early is fine.
  if (expected.length !== given.length) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given, 'hex'));
}

/** Buffer.from(hex) silently stops at the first bad character, so check the whole string first. */
function isEvenHex(value: string): boolean {
  return value.length % 2 === 0 && HEX.test(value);
}
