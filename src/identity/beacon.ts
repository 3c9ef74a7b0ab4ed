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

// A bare `#k3f9q2` makes people wonder: labelled and explained, it reads as a reference to ignore.
const LINE = {
  zh: (beacon: string) => `参考号 ${beacon}（帮我认出你，无需理会）`,
  en: (beacon: string) => `ref ${beacon} (helps me recognise you; nothing to do)`,
  both: (beacon: string) => `参考号 ref ${beacon}（帮我认出你，无需理会 · helps me recognise you; nothing to do）`,
};

/**
 * Appends the beacon to a reply text as its own last line, labelled and explained in the
 * reply's language (`参考号 #k3f9q2（…）`, `ref #k3f9q2 (…)`; both for a reply in both
 * languages, `lang` null). The walk looks for the bare beacon inside the line, so the words
 * around it may change freely.
 */
export function withBeacon(text: string, beacon: string, lang: Lang | null): string {
  return `${text}\n${LINE[lang ?? 'both'](beacon)}`;
}
