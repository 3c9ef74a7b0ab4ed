import type { OwnPageField, OwnPageFieldResult, OwnPageView } from '../../web/ports';
import type { Bilingual } from '../i18n';
import { AUDIENCES, AUDIENCE_NAMES } from './audience';
import { FIELD_NAMES, PROFILE_FIELDS, type ProfileField } from './profile-fields';
import type { PersonProfile, ProfileItem } from './profile-item.model';
import { shareText, sourceText } from './profile-text';
import type { ShareOutcome } from './visibility-store';
import type { UploadReport } from './profile-uploads';
import type { VisibilitySettings } from './visibility-settings';

/** Why the phone cannot be edited on the page: only a verified SMS code sets it. */
export const PHONE_NOTE: Bilingual = {
  zh: '手机号只能在聊天里用短信验证码绑定（“绑定 <手机号>”，即将推出），这里不能修改。',
  en: 'The phone is set only in chat with an SMS code ("bind <phone>", coming soon); it cannot be changed here.',
};

/** Why a console value can be overwritten but not cleared here (see `clearItems`). */
export const CONSOLE_NOTE: Bilingual = {
  zh: '来自平台资料：可以在这里改写，但删不掉（平台会再次提供）。不想让别人看到，可以设为“仅自己”。',
  en: 'From the platform profile: you can overwrite it here but not clear it (the platform would bring it back). To hide it, share it with nobody.',
};

/** Both languages of a text made per language. */
const bilingual = (make: (lang: 'zh' | 'en') => string): Bilingual => ({ zh: make('zh'), en: make('en') });

function fieldOf(field: ProfileField, item: ProfileItem | undefined, settings: VisibilitySettings): OwnPageField {
  const share = settings[field];
  const fromConsole = item?.source.kind === 'console';
  const editable = field !== 'phone';
  return {
    field,
    name: FIELD_NAMES[field],
    value: item?.value ?? null,
    source: item ? bilingual((lang) => sourceText(item.source, lang)) : null,
    sourceKind: item?.source.kind ?? null,
    updatedAt: item?.sourceUpdatedAt.toISOString() ?? null,
    audience: share.audience,
    circles: [...share.circles],
    editable,
    clearable: editable && !fromConsole,
    note: !editable ? PHONE_NOTE : fromConsole ? CONSOLE_NOTE : null,
  };
}

/**
 * What the own page shows: every profile field in card order (set or not) with its value, its
 * source in words, the source's time and who may see it, whether the page may change it, the
 * audiences to choose from, and when the link stops working by the server's clock (the
 * browser's clock may be wrong).
 */
export function ownPageView(code: string, profile: PersonProfile | null, settings: VisibilitySettings, expiresAt: Date, now: Date): OwnPageView {
  const byField = new Map((profile?.items ?? []).map((item) => [item.field, item]));
  return {
    personCode: code,
    fields: PROFILE_FIELDS.map((field) => fieldOf(field, byField.get(field), settings)),
    audiences: AUDIENCES.map((audience) => ({ audience, name: AUDIENCE_NAMES[audience] })),
    expiresAt: expiresAt.toISOString(),
    expiresInSeconds: Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000)),
  };
}

/** What each merge outcome means to the person, said next to the field. */
const OUTCOME_TEXT: Readonly<Record<UploadReport['steps'][number]['outcome'], Bilingual>> = {
  added: { zh: '已添加', en: 'added' },
  replaced: { zh: '已更新', en: 'updated' },
  cleared: { zh: '已删除', en: 'cleared' },
  unchanged: { zh: '没有变化', en: 'unchanged' },
  kept: { zh: '保留了现有的值：它更新', en: 'kept the current value: it is newer' },
};

/** Per field what a form or upload did: the merge's steps, then the refusals with their reasons. */
export function changeResults(report: Pick<UploadReport, 'steps' | 'refused'>): OwnPageFieldResult[] {
  return [
    ...report.steps.map(({ field, outcome }) => ({ field, outcome, message: OUTCOME_TEXT[outcome] })),
    ...report.refused.map(({ field, reason }) => ({ field, outcome: 'refused' as const, message: reason })),
  ];
}

/** Per field what a `share` did: who sees it now. */
export function shareResults(outcome: ShareOutcome): OwnPageFieldResult[] {
  return outcome.fields.map((field) => ({
    field,
    outcome: 'shared' as const,
    message: { zh: `可见范围：${shareText(outcome.settings[field], 'zh')}`, en: `seen by: ${shareText(outcome.settings[field], 'en')}` },
  }));
}
