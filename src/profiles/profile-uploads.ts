import type { Bilingual } from '../i18n';
import type { MergeStep } from './merge-items';
import { FIELD_NAMES } from './profile-fields';
import type { DecodedItems, Refusal } from './profile-packet';
import type { ProfileStore } from './profile-store';
import { decodeVcard } from './vcard-decoder';
import { decodeWebForm } from './web-form-decoder';

/**
 * What an upload or a form did, for the page to show: per field what happened (`added`,
 * `replaced`, `cleared`, `unchanged`, or `kept` when the profile holds a newer value), what was
 * refused and why, and what else the person should know, in both languages.
 */
export interface UploadReport {
  steps: MergeStep[];
  refused: Refusal[];
  notices: Bilingual[];
  /** True when the profile was written. */
  written: boolean;
}

/** A sentence for each field the merge kept because the profile's value is newer than what came in. */
function keptNotices(steps: readonly MergeStep[], what: Bilingual): Bilingual[] {
  return steps.filter((step) => step.outcome === 'kept').map(({ field }) => ({
    zh: `${FIELD_NAMES[field].zh}保留了现有的值：它比${what.zh}里的更新。`,
    en: `The ${FIELD_NAMES[field].en} keeps its current value: it is newer than the one in ${what.en}.`,
  }));
}

async function mergeDecoded(profiles: ProfileStore, personId: string, decoded: DecodedItems, what: Bilingual): Promise<UploadReport> {
  const report = await profiles.merge(personId, decoded);
  return { ...report, notices: [...(decoded.notices ?? []), ...keptNotices(report.steps, what)] };
}

/**
 * A vCard uploaded on the person's page: decoded (the first card; phones, photos and further
 * cards not taken, and said so in `notices`) and merged into their profile in one write. A value
 * replaces the profile's only when the card's REV (else the upload time) is newer.
 * @throws UserError, in both languages, when the file is too big or not a readable vCard; the
 *   profile is not touched then.
 * @throws Error when the store fails.
 */
export async function uploadVcard(profiles: ProfileStore, personId: string, file: Uint8Array | string, uploadedAt: Date): Promise<UploadReport> {
  return mergeDecoded(profiles, personId, decodeVcard({ file, uploadedAt }), { zh: '名片文件', en: 'the vCard' });
}

/**
 * The person's page's profile form, sent at `at`: each input sets its field, an emptied one
 * removes it (a console value stays, refused with the reason), all in one write.
 * @throws UserError when the form has far more inputs than a profile has fields; nothing changes.
 * @throws Error when the store fails.
 */
export async function submitWebForm(profiles: ProfileStore, personId: string, form: Readonly<Record<string, unknown>>, at: Date): Promise<UploadReport> {
  return mergeDecoded(profiles, personId, decodeWebForm({ form, at }), { zh: '表单', en: 'the form' });
}
