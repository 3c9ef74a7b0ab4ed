// The profile's fields as rows of the form: label, editor (or the phone, read-only), where the
// value came from and when, who may see it, and the last result for that field.
import { el } from './me-dom.js';
import { pick, t, when } from './me-text.js';

/** Hints for phones' keyboards and autofill, per field. */
const INPUT_HINTS = {
  name: { autocomplete: 'name' },
  nickname: { autocomplete: 'nickname' },
  email: { inputmode: 'email', autocomplete: 'email' },
  company: { autocomplete: 'organization' },
  title: { autocomplete: 'organization-title' },
  website: { inputmode: 'url', autocomplete: 'url' },
};
/** Fields that hold a paragraph rather than a line. */
const LONG = new Set(['address', 'about', 'signature']);
const GENDERS = ['male', 'female', 'other'];

/**
 * The editor of one field: its value, or the draft typed before a re-render, as long as the
 * stored value is still the one the draft was typed over (an upload that changed it wins).
 */
function editor(field, lang, drafts) {
  const original = field.value ?? '';
  const draft = drafts.get(field.field);
  const value = draft && draft.original === original ? draft.text : original;
  const common = { id: `input-${field.field}`, name: field.field, 'data-testid': `input-${field.field}`, 'data-original': original };
  if (field.field === 'gender') {
    const known = GENDERS.includes(original) || original === '' ? GENDERS : [...GENDERS, original];
    const select = el('select', common,
      el('option', { value: '', text: t(lang, 'genderNone') }),
      ...known.map((gender) => el('option', { value: gender, text: GENDERS.includes(gender) ? t(lang, gender) : gender })));
    select.value = value;
    return select;
  }
  const placeholder = t(lang, 'notSet');
  if (LONG.has(field.field)) return el('textarea', { ...common, rows: 3, placeholder, value });
  return el('input', { ...common, type: 'text', autocapitalize: 'off', spellcheck: 'false', placeholder, ...(INPUT_HINTS[field.field] ?? {}), value });
}

/** The phone (or any field the page may not edit): shown, never sent. */
function readOnly(field, lang) {
  return el('output', { id: `input-${field.field}`, class: 'readonly', 'data-testid': `input-${field.field}`, text: field.value ?? t(lang, 'notSet') });
}

function audienceSelect(field, view, lang, onAudience) {
  const select = el('select', {
    id: `audience-${field.field}`,
    'data-testid': `audience-${field.field}`,
    'data-original': field.audience,
    onchange: (event) => onAudience(field.field, event.target),
  }, ...view.audiences.map((choice) => el('option', { value: choice.audience, text: pick(choice.name, lang) })));
  select.value = field.audience;
  return select;
}

function row(field, { view, lang, results, drafts, onAudience }) {
  const name = field.field;
  const result = results.get(name);
  const source = field.value === null ? null : t(lang, 'from', pick(field.source, lang), when(field.updatedAt, lang));
  return el('li', { class: 'field', 'data-field': name, 'data-testid': `field-${name}`, 'data-set': field.value === null ? 'no' : 'yes' },
    el('label', { for: `input-${name}`, class: 'label', text: pick(field.name, lang) }),
    field.editable ? editor(field, lang, drafts) : readOnly(field, lang),
    source && el('p', { class: 'meta', 'data-testid': `meta-${name}`, 'data-source': field.sourceKind, text: source }),
    field.note && el('p', { class: 'note', 'data-testid': `note-${name}`, text: pick(field.note, lang) }),
    el('div', { class: 'audience' },
      el('label', { for: `audience-${name}`, text: t(lang, 'whoSees') }),
      audienceSelect(field, view, lang, onAudience)),
    field.circles.length > 0 && el('p', { class: 'meta', text: t(lang, 'alsoCircles', field.circles.join(', ')) }),
    el('p', { class: 'result', 'data-testid': `result-${name}`, 'data-outcome': result?.outcome, role: 'status', text: result ? pick(result.message, lang) : '' }));
}

/**
 * Renders every field of `view` into `list`, in card order. `results` maps a field to its last
 * result (shown under it); `drafts` ({@link draftsOf}) holds text typed and not yet
 * saved, which a re-render keeps; `onAudience(field, select)` runs when a field's audience is changed.
 */
export function renderFields(list, context) {
  list.replaceChildren(...context.view.fields.map((field) => row(field, context)));
}

function editors(list) {
  return Array.from(list.querySelectorAll('[data-original]:is(input, textarea, select[name])')).filter((input) => input.value !== input.dataset.original);
}

/** The fields whose editor differs from the value shown: what a save sends, field → text. */
export function changedFields(list) {
  return Object.fromEntries(editors(list).map((input) => [input.name, input.value]));
}

/** What is typed and not saved, field → `{ text, original }`, for a re-render to keep. */
export function draftsOf(list) {
  return new Map(editors(list).map((input) => [input.name, { text: input.value, original: input.dataset.original }]));
}
