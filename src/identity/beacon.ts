import { createHash } from 'node:crypto';

/**
 * The beacon for a not-yet-known follower (platform.md 4.2): `#` and six base-36 characters
 * derived from the openID. The bot's reply carries it; once the platform delivers the reply it
 * shows in that follower's conversation in the console, which names the follower's FakeID.
 * Derived, not random, so every process and every retry computes the same one.
 */
export function beaconFor(accountId: string, openId: string): string {
  const digest = createHash('sha256').update(`${accountId}\n${openId}`).digest();
  return `#${(digest.readUInt32BE(0) % 36 ** 6).toString(36).padStart(6, '0')}`;
}

/** Appends the beacon to a reply text on a line of its own. */
export function withBeacon(text: string, beacon: string): string {
  return `${text}\n${beacon}`;
}
