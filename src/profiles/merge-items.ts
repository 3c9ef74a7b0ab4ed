import type { ProfileField } from './profile-fields';
import { HISTORY_LENGTH, type ProfileItem } from './profile-item.model';
import type { IncomingItem } from './profile-packet';

/** What the merge did with one incoming item, or with a field the packet asked to clear. */
export type MergeOutcome = 'added' | 'replaced' | 'kept' | 'unchanged' | 'cleared';

export interface MergeStep {
  field: ProfileField;
  outcome: MergeOutcome;
}

export interface MergeResult {
  items: ProfileItem[];
  steps: MergeStep[];
  /** False when nothing needs writing (every item kept or unchanged, no console value newly seen). */
  changed: boolean;
}

/**
 * Merges validated items into a profile's items (patent CN102664967A: add, or compare and
 * replace). A new field is added. An existing one is replaced only when the incoming item is
 * newer and different; the value it held goes to its history with its source.
 *
 * A console item is compared first with the value that platform's console showed before: the
 * same value again is no change (a refetch never overwrites a newer chat edit); a changed value
 * is a change made on the platform, and replaces an older value. A console value seen for the
 * first time on a field that already holds a value from elsewhere is only noted: the console
 * gives no time of change, so nothing says it is newer than what the person set.
 */
export function mergeItems(current: readonly ProfileItem[], incoming: readonly IncomingItem[], storedAt: Date): MergeResult {
  const byField = new Map(current.map((item) => [item.field, item]));
  const steps: MergeStep[] = [];
  let changed = false;
  for (const item of incoming) {
    const existing = byField.get(item.field);
    const { next, outcome } = existing ? mergeOne(existing, item, storedAt) : { next: added(item, storedAt), outcome: 'added' as const };
    if (next !== existing) {
      byField.set(item.field, next);
      changed = true;
    }
    steps.push({ field: item.field, outcome });
  }
  return { items: [...byField.values()], steps, changed };
}

function added(item: IncomingItem, storedAt: Date): ProfileItem {
  const { field, value, source, sourceUpdatedAt } = item;
  const consoleSeen = source.kind === 'console' ? [{ platform: platformOf(item), value, seenAt: sourceUpdatedAt }] : [];
  return { field, value, source, sourceUpdatedAt, storedAt, history: [], consoleSeen };
}

/** One field: the item to keep (the same object when nothing changes) and what happened. */
function mergeOne(existing: ProfileItem, item: IncomingItem, storedAt: Date): { next: ProfileItem; outcome: MergeOutcome } {
  let base = existing;
  if (item.source.kind === 'console') {
    const platform = platformOf(item);
    const seen = existing.consoleSeen.find((entry) => entry.platform === platform);
    if (seen && seen.value === item.value) return { next: existing, outcome: 'unchanged' };
    // A late answer of an older fetch does not undo what a newer one showed.
    if (seen && item.sourceUpdatedAt <= seen.seenAt) return { next: existing, outcome: 'kept' };
    const consoleSeen = [...existing.consoleSeen.filter((entry) => entry.platform !== platform), { platform, value: item.value, seenAt: item.sourceUpdatedAt }];
    base = { ...existing, consoleSeen };
    if (!seen) return { next: base, outcome: existing.value === item.value ? 'unchanged' : 'kept' };
  }
  if (existing.value === item.value) return { next: base, outcome: 'unchanged' };
  if (item.sourceUpdatedAt <= existing.sourceUpdatedAt) return { next: base, outcome: 'kept' };
  const past = { value: existing.value, source: existing.source, sourceUpdatedAt: existing.sourceUpdatedAt };
  return {
    next: {
      ...base,
      value: item.value,
      source: item.source,
      sourceUpdatedAt: item.sourceUpdatedAt,
      storedAt,
      history: [past, ...existing.history].slice(0, HISTORY_LENGTH),
    },
    outcome: 'replaced',
  };
}

/** The console's platform; an item without one (never made by the console decoder) counts by account. */
function platformOf(item: IncomingItem): string {
  return item.source.platform ?? `account:${item.source.accountId ?? ''}`;
}

/**
 * What clearing a field found: `cleared` (the item is gone, `removed` is what it held), `absent`
 * (the field was not set), or `console` (the value comes from a platform's console, so it was
 * left alone).
 */
export type ClearOutcome = { outcome: 'cleared'; removed: ProfileItem } | { outcome: 'absent' } | { outcome: 'console'; item: ProfileItem };

/**
 * Removes fields the person set (chat, web page, vCard): `clear`, or a field emptied on the web
 * form. A value from a platform's console is left alone: the console would show it again at the
 * next refetch, and the merge would add it back, so the person changes it there or hides it.
 */
export function clearItems(current: readonly ProfileItem[], fields: readonly ProfileField[]): {
  items: ProfileItem[];
  outcomes: Array<{ field: ProfileField } & ClearOutcome>;
} {
  let items = [...current];
  const outcomes: Array<{ field: ProfileField } & ClearOutcome> = [];
  for (const field of fields) {
    const item = items.find((candidate) => candidate.field === field);
    if (!item) outcomes.push({ field, outcome: 'absent' });
    else if (item.source.kind === 'console') outcomes.push({ field, outcome: 'console', item });
    else {
      items = items.filter((candidate) => candidate !== item);
      outcomes.push({ field, outcome: 'cleared', removed: item });
    }
  }
  return { items, outcomes };
}
