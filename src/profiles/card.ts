import { PROFILE_FIELDS, type ProfileField } from './profile-fields';
import type { ItemSource, PersonProfile } from './profile-item.model';
import type { ShareableField } from './shareable-fields';

/** One field on a card: its value, where it came from and when. */
export interface CardEntry {
  field: ProfileField;
  value: string;
  source: ItemSource;
  /** When the source says the value is from. */
  sourceUpdatedAt: Date;
  /** When the bot stored it. */
  storedAt: Date;
}

/**
 * A person's card as one requester may see it, in no format yet: the chat text, the vCard and
 * the JSON export are each rendered from it (card-text.ts, card-vcard.ts, card-json.ts).
 */
export interface Card {
  personCode: string;
  /** In card order (profile-fields.ts), only the fields set and visible to the requester. */
  entries: CardEntry[];
}

/**
 * The card of the person `personCode` for a requester who may see `visible`
 * (`ProfileAccess.visibleFields`): the profile's items for those fields, in card order. Reads no
 * store: the caller brings the profile and the verdict, so the card is the judge's answer and
 * nothing more. `status` is shareable but not a profile item, so it never appears here.
 */
export function buildCard(personCode: string, profile: PersonProfile | null, visible: readonly ShareableField[]): Card {
  const allowed = new Set<ShareableField>(visible);
  const entries = PROFILE_FIELDS.filter((field) => allowed.has(field)).flatMap((field) =>
    (profile?.items ?? [])
      .filter((item) => item.field === field)
      .slice(0, 1)
      .map(({ value, source, sourceUpdatedAt, storedAt }) => ({ field, value, source: { ...source }, sourceUpdatedAt, storedAt })),
  );
  return { personCode, entries };
}

/** The value of `field` on the card, or undefined when it is not set or not visible. */
export function cardValue(card: Card, field: ProfileField): string | undefined {
  return card.entries.find((entry) => entry.field === field)?.value;
}
