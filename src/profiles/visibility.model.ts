import { Schema } from 'mongoose';
import type { ModelDefinition } from '../stores/document-store';
import { AUDIENCES, CIRCLE_CODE_PATTERN, type Audience } from './audience';
import { SHAREABLE_FIELDS, type ShareableField } from './shareable-fields';

/** Who may see one field: an audience, and the circles granted on top of it (`circle:<code>`). */
export interface FieldShare {
  audience: Audience;
  /** Circle codes whose members may see the field whatever the audience; without duplicates. */
  circles: string[];
}

/**
 * One person's visibility settings, one document per person: a field appears only once the
 * person has shared it, so the defaults (visibility-settings.ts) can change for everyone who
 * never chose, and a profile's settings are one read.
 */
export type VisibilityDocument = { personId: string; updatedAt: Date } & Partial<Record<ShareableField, FieldShare>>;

const fieldShare = new Schema<FieldShare>(
  {
    audience: { type: String, required: true, enum: AUDIENCES },
    circles: { type: [{ type: String, match: CIRCLE_CODE_PATTERN }], default: [] },
  },
  { _id: false },
);

const schema = new Schema<VisibilityDocument>(
  {
    personId: { type: String, required: true },
    updatedAt: { type: Date, required: true },
    // No default: an absent field is one the person never shared.
    ...Object.fromEntries(SHAREABLE_FIELDS.map((field) => [field, { type: fieldShare, required: false }])),
  },
  { versionKey: false },
);
schema.index({ personId: 1 }, { unique: true });

export const visibilityModel: ModelDefinition<VisibilityDocument> = { name: 'profile_visibility', schema };
