import { createHash } from 'node:crypto';
import type { Lang } from '../i18n';

/**
 * The beacon for a not-yet-known follower (docs/protocol.md §4.2): `#` and six base-36 characters
 * derived from the openID. The bot's reply carries it; once the platform delivers the reply it
 * shows in that follower's conversation in the console, which names the follower's FakeID.
 * Derived, not random, so every process and every retry computes the same one.
 */
export function beaconFor(accountId: string, openId: string): string {
  const digest = createHash('sha256').update(`${accountId}\n${openId}`).digest();
  return `#${(digest.readUInt32BE(0) % 36 ** 6).toString(36).padStart(6, '0')}`;
}

// A bare `#k3f9q2` makes people wonder; labelled, it reads as a reference number.
const LABEL = { zh: '参考号', en: 'ref', both: '参考号 ref' };

/**
 * Appends the beacon to a reply text as its own last line, labelled in the reply's language
 * (`参考号 #k3f9q2`, `ref #k3f9q2`; `参考号 ref #k3f9q2` for a reply in both languages, `lang`
 * null). The walk looks for the bare beacon inside the line, so the label may change freely.
 */
export function withBeacon(text: string, beacon: string, lang: Lang | null): string {
  return `${text}\n${LABEL[lang ?? 'both']} ${beacon}`;
}
