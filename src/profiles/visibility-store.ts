import { UserError } from '../errors';
import type { Bilingual } from '../i18n';
import type { Collection, DocumentStore } from '../stores/document-store';
import { AUDIENCES, AUDIENCE_NAMES, parseSharedWith, type SharedWith } from './audience';
import { FIELD_NAMES, SHAREABLE_FIELDS, isAllFields, parseShareableField, type ShareableField } from './shareable-fields';
import { visibilityModel, type FieldShare, type VisibilityDocument } from './visibility.model';
import { withDefaults, type VisibilitySettings } from './visibility-settings';

/** What a `share` changed: the fields, what they were shared with, and the settings after it. */
export interface ShareOutcome {
  fields: ShareableField[];
  sharedWith: SharedWith;
  settings: VisibilitySettings;
}

/** Typed text echoed in a refusal, cut so a pasted essay does not come back whole. */
const echo = (typed: string) => (typed.length > 20 ? `${[...typed].slice(0, 20).join('')}…` : typed);

const unknownField = (typed: string): Bilingual => ({
  zh: `没有“${echo(typed)}”这个字段。可以公开的字段：${SHAREABLE_FIELDS.map((f) => FIELD_NAMES[f].zh).join('、')}，或“全部”。`,
  en: `There is no field "${echo(typed)}". Fields you can share: ${SHAREABLE_FIELDS.join(', ')}, or all.`,
});

const unknownAudience = (typed: string): Bilingual => ({
  zh: `“${echo(typed)}”不是公开范围。可选：${AUDIENCES.map((a) => AUDIENCE_NAMES[a].zh).join('、')}，或 圈:<6位圈号>。`,
  en: `"${echo(typed)}" is not an audience. Choose ${AUDIENCES.join(', ')}, or circle:<6-character circle code>.`,
});

/** The share with `circle` granted too (once). */
const withGrant = (share: Readonly<FieldShare>, circle: string): FieldShare => ({
  audience: share.audience,
  circles: share.circles.includes(circle) ? [...share.circles] : [...share.circles, circle],
});

/**
 * Each person's visibility settings (`profile_visibility`, one document per person), read in one
 * store call with the defaults filled in, and changed with `share`'s meaning:
 * - an audience word (`nobody`, `contacts`, `circles`, `everyone`) sets the field's audience and
 *   drops its circle grants: the word says exactly who sees it from now on;
 * - `circle:<code>` adds that circle to the field's grants and keeps its audience, so
 *   `share email contacts` then `share email circle:Q7K2PX` means contacts and that circle.
 */
export class VisibilityStore {
  private readonly documents: Collection<VisibilityDocument>;

  constructor(store: DocumentStore, private readonly now: () => Date = () => new Date()) {
    this.documents = store.collection(visibilityModel);
  }

  /** A person's settings, defaults for every field never shared. One read. */
  async settingsOf(personId: string): Promise<VisibilitySettings> {
    return withDefaults(await this.documents.findOne({ personId }));
  }

  /** What the person chose, as stored (only the fields they shared), or null when they never chose: for the export. */
  documentOf(personId: string): Promise<VisibilityDocument | null> {
    return this.documents.findOne({ personId });
  }

  /** The fields the person has shared (set away from the default), in the order of {@link SHAREABLE_FIELDS}. One read. */
  async sharedFieldsOf(personId: string): Promise<ShareableField[]> {
    const document = await this.documents.findOne({ personId });
    return document ? SHAREABLE_FIELDS.filter((field) => document[field] !== undefined) : [];
  }

  /** Deletes a person's settings (`forget me`); true when there were any. */
  forget(personId: string): Promise<boolean> {
    return this.documents.deleteOne({ personId });
  }

  /**
   * `share <field|all> <audience>` for `personId`, as typed (English or Chinese, any case).
   * @throws UserError (both languages, saying what is accepted) for an unknown field or audience;
   *   nothing is changed then. Error when the store fails.
   */
  async share(personId: string, typedField: string, typedAudience: string): Promise<ShareOutcome> {
    const fields = isAllFields(typedField) ? [...SHAREABLE_FIELDS] : [parseShareableField(typedField)];
    if (fields.some((field) => field === null)) throw new UserError(unknownField(typedField));
    const sharedWith = parseSharedWith(typedAudience);
    if (!sharedWith) throw new UserError(unknownAudience(typedAudience));
    const chosen = fields as ShareableField[];
    // A grant keeps each field's audience, so it needs the current settings; a word does not.
    let shares: Array<[ShareableField, FieldShare]>;
    if ('circle' in sharedWith) {
      const before = await this.settingsOf(personId);
      shares = chosen.map((field) => [field, withGrant(before[field], sharedWith.circle)]);
    } else {
      shares = chosen.map((field) => [field, { audience: sharedWith.audience, circles: [] }]);
    }
    // Fields not chosen are left alone: a concurrent share of another field is not undone.
    const $set = { updatedAt: this.now(), ...Object.fromEntries(shares) } as Partial<VisibilityDocument>;
    await this.documents.updateOne({ personId }, { $set }, { upsert: true });
    return { fields: chosen, sharedWith, settings: await this.settingsOf(personId) };
  }
}
