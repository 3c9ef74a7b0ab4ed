import type { Audience } from './audience';
import { SHAREABLE_FIELDS, type ShareableField } from './shareable-fields';
import type { FieldShare, VisibilityDocument } from './visibility.model';

/** Every field's share, defaults filled in: what the judge compares a relation with. */
export type VisibilitySettings = Readonly<Record<ShareableField, Readonly<FieldShare>>>;

/**
 * Who sees a field the person never shared (docs commands.md §2): the nickname, gender and
 * region are what people in a circle need to recognise each other; the status is for contacts;
 * everything else stays with the person until they share it.
 */
export const DEFAULT_AUDIENCES: Readonly<Record<ShareableField, Audience>> = {
  name: 'nobody',
  nickname: 'circles',
  gender: 'circles',
  region: 'circles',
  signature: 'nobody',
  phone: 'nobody',
  email: 'nobody',
  company: 'nobody',
  title: 'nobody',
  address: 'nobody',
  website: 'nobody',
  about: 'nobody',
  status: 'contacts',
};

/** The settings a stored document (or none) stands for: each field as shared, else its default. */
export function withDefaults(document: VisibilityDocument | null): VisibilitySettings {
  return Object.fromEntries(
    SHAREABLE_FIELDS.map((field) => {
      const stored = document?.[field];
      const share: FieldShare = stored
        ? { audience: stored.audience, circles: [...stored.circles] }
        : { audience: DEFAULT_AUDIENCES[field], circles: [] };
      return [field, share];
    }),
  ) as Record<ShareableField, FieldShare>;
}
