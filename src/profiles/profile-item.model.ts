import { Schema } from 'mongoose';
import type { ModelDefinition } from '../stores/document-store';
import { PROFILE_FIELDS, type ProfileField } from './profile-fields';

/** Where information comes in (patent CN102664967A: each item carries its source). */
export const SOURCE_KINDS = ['console', 'chat', 'web', 'vcard'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** An item's source: its kind, and for the console and chat the platform and account it came through. */
export interface ItemSource {
  kind: SourceKind;
  platform?: string;
  accountId?: string;
}

/** A value a field held before, with where it came from and when. */
export interface PastValue {
  value: string;
  source: ItemSource;
  sourceUpdatedAt: Date;
}

/**
 * The last value a platform's console showed for a field, whether or not it won the merge: a
 * refetch showing it again is not a change (so it never overwrites a newer edit from chat).
 */
export interface ConsoleSeen {
  platform: string;
  value: string;
  seenAt: Date;
}

/** One field of a person's profile: its value, source and times, and what it held before. */
export interface ProfileItem {
  field: ProfileField;
  value: string;
  source: ItemSource;
  /** When the source says the value is from (the console's fetch, the chat message's time). */
  sourceUpdatedAt: Date;
  /** When the bot stored it. */
  storedAt: Date;
  /** Earlier values, newest first, at most {@link HISTORY_LENGTH}. */
  history: PastValue[];
  consoleSeen: ConsoleSeen[];
}

/**
 * A person's profile: all its items in one document, so a profile is one store read and a merge
 * of a whole packet one write. `version` counts the writes; a merge writes only over the version
 * it read (compare-and-set), so two merges at once never lose an update.
 */
export interface PersonProfile {
  personId: string;
  items: ProfileItem[];
  version: number;
  updatedAt: Date;
}

/** How many earlier values a field keeps. */
export const HISTORY_LENGTH = 5;

const source = new Schema<ItemSource>(
  {
    kind: { type: String, required: true, enum: SOURCE_KINDS },
    platform: String,
    accountId: String,
  },
  { _id: false },
);

const pastValue = new Schema<PastValue>(
  { value: { type: String, required: true }, source: { type: source, required: true }, sourceUpdatedAt: { type: Date, required: true } },
  { _id: false },
);

const consoleSeen = new Schema<ConsoleSeen>(
  { platform: { type: String, required: true }, value: { type: String, required: true }, seenAt: { type: Date, required: true } },
  { _id: false },
);

const item = new Schema<ProfileItem>(
  {
    field: { type: String, required: true, enum: PROFILE_FIELDS },
    value: { type: String, required: true },
    source: { type: source, required: true },
    sourceUpdatedAt: { type: Date, required: true },
    storedAt: { type: Date, required: true },
    history: { type: [pastValue], default: [] },
    consoleSeen: { type: [consoleSeen], default: [] },
  },
  { _id: false },
);

const schema = new Schema<PersonProfile>(
  {
    personId: { type: String, required: true },
    items: { type: [item], default: [] },
    version: { type: Number, required: true, min: 1 },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
// One profile per person: also what settles two first merges racing to create it.
schema.index({ personId: 1 }, { unique: true });

export const profileItemsModel: ModelDefinition<PersonProfile> = { name: 'profile_items', schema };
