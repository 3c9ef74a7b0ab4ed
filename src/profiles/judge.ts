import type { Bilingual } from '../i18n';
import { includesAudience } from './audience';
import type { Relation } from './relation';
import { FIELD_NAMES, type ShareableField } from './shareable-fields';
import type { VisibilitySettings } from './visibility-settings';

export type Operation = 'see' | 'change';

/** One request about a person's field (patent CN102664967A, step D-1: requester, target, operation, category). */
export interface JudgeRequest {
  /** Person IDs. */
  requester: string;
  target: string;
  operation: Operation;
  field: ShareableField;
  /** How the requester stands to the target (relation.ts). */
  relation: Relation;
  /** The target's settings, defaults filled in. */
  settings: VisibilitySettings;
}

/** Why a request was allowed: which rule let it through (tests and logs tell the paths apart). */
export type AllowedBecause = 'self' | 'everyone' | 'contact' | 'circle' | 'circle-grant';

export type Verdict =
  | { allowed: true; because: AllowedBecause }
  | { allowed: false; reason: 'not-owner' | 'not-shared'; message: Bilingual };

const notOwner = (): Verdict => ({
  allowed: false,
  reason: 'not-owner',
  message: {
    zh: '只有本人可以修改自己的资料。你可以用“设置 <字段> <值>”修改你自己的。',
    en: 'Only the person can change their own profile. You can change yours with `set <field> <value>`.',
  },
});

const notShared = (field: ShareableField): Verdict => ({
  allowed: false,
  reason: 'not-shared',
  message: {
    zh: `对方没有向你公开${FIELD_NAMES[field].zh}。只有对方可以用“公开”改变这一点。`,
    en: `They have not shared their ${FIELD_NAMES[field].en} with you. Only they can change that, with \`share\`.`,
  },
});

/**
 * The one place that decides whether a person may see or change another's field. Rules, in order:
 * 1. The person themself may see and change every field of theirs. Self is the same person ID;
 *    a relation that claims self for two different IDs counts as nothing (fail closed).
 * 2. Nobody else may change anything, whatever the settings.
 * 3. Seeing compares the field's audience with the relation: `everyone` lets anyone see;
 *    `contacts` and broader let contacts see; `circles` and broader let anyone who shares a
 *    circle see; a grant `circle:<code>` lets members of that circle see, whatever the audience
 *    (and only them: a grant does not extend to contacts or other circles).
 * Pure and synchronous: the caller reads the settings and the relation once (profile-access.ts).
 */
export function judge(request: JudgeRequest): Verdict {
  const { requester, target, operation, field, relation, settings } = request;
  if (requester === target) return { allowed: true, because: 'self' };
  if (operation !== 'see') return notOwner();
  const share = settings[field] as VisibilitySettings[ShareableField] | undefined;
  if (!share) return notShared(field);
  if (share.audience === 'everyone') return { allowed: true, because: 'everyone' };
  if (relation.kind !== 'other') return notShared(field);
  if (relation.contact && includesAudience(share.audience, 'contacts')) return { allowed: true, because: 'contact' };
  if (relation.commonCircles.length > 0 && includesAudience(share.audience, 'circles')) return { allowed: true, because: 'circle' };
  if (relation.commonCircles.some((code) => share.circles.includes(code))) return { allowed: true, because: 'circle-grant' };
  return notShared(field);
}
