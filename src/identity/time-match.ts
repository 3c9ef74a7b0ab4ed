import type { ConsoleMessage } from '../../scrapers/console-types';
import type { Push } from '../../webhooks/push';
import { normalizeContent } from './normalize-content';

/** A pushed message waiting to be found in the console's message list. */
export interface PendingMessage {
  /** Unique per push (its push key). */
  key: string;
  openId: string;
  /** The push's CreateTime, unix seconds on the platform's clock. */
  createTime: number;
  /** The message list type this push shows as (docs/protocol.md §4.1). */
  listType: number;
  /** Normalised text, for text messages only: other types match on time and type alone. */
  content?: string;
}

/** Why a pending message was not tied. */
export type Undecided = 'no-candidate' | 'ambiguous';

export type MatchOutcome =
  | { key: string; openId: string; fakeId: string }
  | { key: string; openId: string; undecided: Undecided };

/**
 * Console time minus push time, in seconds, that a candidate may differ by. The two clocks are
 * a few seconds apart (the sandbox models -1..+3); the window is kept small so that another
 * follower's identical message a few seconds away is seen as a rival, not missed.
 */
export const MATCH_WINDOW = { min: -2, max: 5 } as const;
/** How far before the oldest pending CreateTime the list must reach to have seen every candidate. */
export const LIST_LOOKBACK_SECONDS = 5;

/** Text and location show as 1, image 2, voice 3, video and short video 4; others never match. */
const LIST_TYPES: Partial<Record<string, number>> = { text: 1, location: 1, image: 2, voice: 3, video: 4, shortvideo: 4 };

/** The pending form of a push, or null when the message list cannot show it (events, links). */
export function pendingFromPush(push: Push, key: string): PendingMessage | null {
  if (push.kind !== 'message') return null;
  const listType = LIST_TYPES[push.msgType];
  if (listType === undefined) return null;
  return {
    key,
    openId: push.fromUserName,
    createTime: push.createTime,
    listType,
    ...(push.msgType === 'text' ? { content: normalizeContent(push.content) } : {}),
  };
}

/**
 * Ties pending messages to FakeIDs by time, type and content (docs/protocol.md §4.1). Pure.
 *
 * A message is tied only when exactly one FakeID has a candidate inside the whole window,
 * leaving out FakeIDs already tied to another openID (`tied`, FakeID → openID). The exact
 * second is not trusted on its own: with skew, another follower's identical message can sit
 * at the exact second while the sender's own sits two seconds later, so a rival anywhere in
 * the window makes the case ambiguous, and it waits for the follower's next message. Two
 * pending messages of different openIDs that land on the same FakeID are both left undecided.
 */
export function matchMessages(
  pending: readonly PendingMessage[],
  items: readonly ConsoleMessage[],
  tied: ReadonlyMap<string, string>,
): MatchOutcome[] {
  const normalised = items.map((item) => ({ item, content: normalizeContent(item.content) }));
  const first = pending.map((p): MatchOutcome => {
    const fakeIds = new Set<string>();
    for (const { item, content } of normalised) {
      const skew = item.dateTime - p.createTime;
      if (skew < MATCH_WINDOW.min || skew > MATCH_WINDOW.max) continue;
      if (item.type !== p.listType) continue;
      if (p.content !== undefined && content !== p.content) continue;
      const owner = tied.get(item.fakeId);
      if (owner !== undefined && owner !== p.openId) continue;
      fakeIds.add(item.fakeId);
    }
    if (fakeIds.size === 0) return { key: p.key, openId: p.openId, undecided: 'no-candidate' };
    if (fakeIds.size > 1) return { key: p.key, openId: p.openId, undecided: 'ambiguous' };
    return { key: p.key, openId: p.openId, fakeId: [...fakeIds][0]! };
  });
  // One FakeID claimed by two different openIDs in the same batch: neither is trusted.
  const claimants = new Map<string, Set<string>>();
  for (const outcome of first) {
    if ('fakeId' in outcome) claimants.set(outcome.fakeId, (claimants.get(outcome.fakeId) ?? new Set()).add(outcome.openId));
  }
  return first.map((outcome) =>
    'fakeId' in outcome && claimants.get(outcome.fakeId)!.size > 1
      ? { key: outcome.key, openId: outcome.openId, undecided: 'ambiguous' }
      : outcome,
  );
}
