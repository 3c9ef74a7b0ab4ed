// What a vCard upload did, under the upload button: what was taken (with the value now held),
// what was left as it was, what was refused and why, and the notes (phone numbers not imported).
import { el } from './me-dom.js';
import { pick, t } from './me-text.js';

const TAKEN = new Set(['added', 'replaced', 'cleared']);

function group(title, testid, lines) {
  if (lines.length === 0) return null;
  return el('div', { class: 'report-group', 'data-testid': testid },
    el('h3', { text: title }),
    el('ul', {}, ...lines.map((line) => el('li', { text: line }))));
}

/**
 * Renders `report` (the answer of `POST <page>/vcard`, `{ refusal }`, or null for nothing yet)
 * into `container`, naming fields as `view` does in `lang`.
 */
export function renderUploadReport(container, report, view, lang) {
  if (!report) return container.replaceChildren();
  if (report.refusal) {
    return container.replaceChildren(el('p', { class: 'error', 'data-testid': 'vcard-refusal', role: 'alert', text: report.refusal.key ? t(lang, report.refusal.key) : pick(report.refusal, lang) }));
  }
  const field = (name) => view.fields.find((f) => f.field === name);
  const label = (name) => (field(name) ? pick(field(name).name, lang) : name);
  const colon = lang === 'zh' ? '：' : ': ';
  const paren = (text) => (lang === 'zh' ? `（${text}）` : ` (${text})`);
  const taken = report.results.filter((r) => TAKEN.has(r.outcome))
    .map((r) => `${label(r.field)}${colon}${field(r.field)?.value ?? '—'}${paren(pick(r.message, lang))}`);
  const untouched = report.results.filter((r) => r.outcome === 'unchanged' || r.outcome === 'kept')
    .map((r) => `${label(r.field)}${colon}${pick(r.message, lang)}`);
  const refused = report.results.filter((r) => r.outcome === 'refused').map((r) => `${label(r.field)}${colon}${pick(r.message, lang)}`);
  const notices = report.notices.map((n) => pick(n, lang));
  const groups = [
    group(t(lang, 'taken'), 'vcard-taken', taken),
    group(t(lang, 'untouched'), 'vcard-untouched', untouched),
    group(t(lang, 'refused'), 'vcard-refused', refused),
    group(t(lang, 'notices'), 'vcard-notices', notices),
  ].filter(Boolean);
  container.replaceChildren(...(groups.length > 0 ? groups : [el('p', { class: 'muted', text: t(lang, 'nothingTaken') })]));
}
