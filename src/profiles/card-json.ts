import type { Card } from './card';
import type { ProfileField } from './profile-fields';
import type { SourceKind } from './profile-item.model';

/** One field in an export: the value, its source, and both times as ISO 8601 UTC strings. */
export interface CardFieldJson {
  value: string;
  source: { kind: SourceKind; platform?: string; accountId?: string };
  sourceUpdatedAt: string;
  storedAt: string;
}

/** A card as plain JSON: the person code and each visible field by name, in card order. */
export interface CardJson {
  personCode: string;
  fields: Partial<Record<ProfileField, CardFieldJson>>;
}

/**
 * The card for an export: a plain object (no Dates, no class instances) that
 * `JSON.stringify` writes the same in every process, with each value's source and times.
 */
export function cardJson(card: Card): CardJson {
  const fields: Partial<Record<ProfileField, CardFieldJson>> = {};
  for (const entry of card.entries) {
    const { kind, platform, accountId } = entry.source;
    fields[entry.field] = {
      value: entry.value,
      source: { kind, ...(platform !== undefined ? { platform } : {}), ...(accountId !== undefined ? { accountId } : {}) },
      sourceUpdatedAt: entry.sourceUpdatedAt.toISOString(),
      storedAt: entry.storedAt.toISOString(),
    };
  }
  return { personCode: card.personCode, fields };
}
