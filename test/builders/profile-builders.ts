import type { ProfileField } from '../../src/profiles/profile-fields';
import type { ItemSource, PersonProfile, ProfileItem } from '../../src/profiles/profile-item.model';

export const T1 = new Date(Date.UTC(2026, 10, 24, 8, 30));
export const T2 = new Date(Date.UTC(2026, 10, 24, 9, 0));
export const CHAT: ItemSource = { kind: 'chat', platform: 'sandbox', accountId: 'acct1' };

/** A profile holding `values`, each item from chat at fixed times. */
export function profileWith(values: Partial<Record<ProfileField, string>>): PersonProfile {
  const items: ProfileItem[] = Object.entries(values).map(([field, value]) => ({
    field: field as ProfileField,
    value: value as string,
    source: CHAT,
    sourceUpdatedAt: T1,
    storedAt: T2,
    history: [],
    consoleSeen: [],
  }));
  return { personId: 'p1', items, version: 1, updatedAt: T2 };
}
