import type { Bilingual } from '../i18n';
import type { ProfileField } from './profile-fields';
import type { ItemSource } from './profile-item.model';

/**
 * The one internal format every decoder produces (patent CN102664967A): the fields a packet
 * carries, all from one source at one time.
 */
export interface ProfilePacket {
  source: ItemSource;
  sourceUpdatedAt: Date;
  fields: Partial<Record<ProfileField, string>>;
}

/** One field of a packet, on its way to validation and merge. */
export interface IncomingItem {
  field: ProfileField;
  value: string;
  source: ItemSource;
  sourceUpdatedAt: Date;
}

/** Why something was not taken, in both languages (commands show it in the follower's). */
export interface Refusal {
  /** The field, or what was typed when it names no field. */
  field: string;
  reason: Bilingual;
}

/** A decoded packet: the items it splits into, and what could not be decoded. */
export interface DecodedItems {
  items: IncomingItem[];
  refused: Refusal[];
  /**
   * Fields the packet asks to remove (the web form's emptied fields), removed as `clear` removes
   * them, in the same write as the items.
   */
  clears?: ProfileField[];
  /** What the person should be told beyond items and refusals (a vCard's phone numbers not imported). */
  notices?: Bilingual[];
}

/** Splits a packet into single items, each carrying the packet's source and time. */
export function splitPacket(packet: ProfilePacket): IncomingItem[] {
  return Object.entries(packet.fields).map(([field, value]) => ({
    field: field as ProfileField,
    value: value as string,
    source: packet.source,
    sourceUpdatedAt: packet.sourceUpdatedAt,
  }));
}
