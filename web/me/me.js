// The own page: a person's profile with sources and sharing, the form to edit it, and a vCard
// upload, in Chinese and English. Everything comes from and goes to the API under the page's own
// address (/me/<token>/…); answers carry the page as it is now, which is rendered again.
import { byId, call, el } from './me-dom.js';
import { changedFields, draftsOf, renderFields } from './me-fields.js';
import { LANGS, pick, t, when } from './me-text.js';
import { renderUploadReport } from './me-upload.js';

const LANG_KEY = 'lianluo.me.lang';
const state = {
  lang: initialLang(),
  view: null,
  /** field → the last result for it (shown under the field until the next change). */
  results: new Map(),
  /** A general result line: the save status or the share-all outcome, as `{ key }` or a bilingual text. */
  saveStatus: null,
  shareAllStatus: null,
  uploadReport: null,
  /** When the link stops working, by this browser's clock (the server says how many seconds are left). */
  deadline: 0,
  /** Why the page stopped (an expired or invalid link), or null while it works. */
  stopped: null,
};

function initialLang() {
  const saved = savedLang();
  if (LANGS.includes(saved)) return saved;
  return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function savedLang() {
  try {
    return localStorage.getItem(LANG_KEY);
  } catch {
    return null; // storage blocked: the browser's language decides
  }
}

/** A status held either as one of the page's own texts (`{ key }`) or as the server's `{ zh, en }`. */
const say = (status) => (status === null ? '' : status.key ? t(state.lang, status.key) : pick(status, state.lang));

// ---- rendering -----------------------------------------------------------------------------

function render() {
  const { lang, view } = state;
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(lang, 'brand');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(lang, node.dataset.i18n);
  byId('lang-toggle').textContent = t(lang, 'otherLanguage');
  byId('lang-toggle').lang = lang === 'zh' ? 'en' : 'zh-CN';
  byId('save-status').textContent = say(state.saveStatus);
  if (state.stopped) byId('page-error').textContent = say(state.stopped);
  byId('share-all-result').textContent = say(state.shareAllStatus);
  if (!view) return;
  byId('person-code').textContent = view.personCode;
  const shareAll = byId('share-all');
  shareAll.replaceChildren(el('option', { value: '', text: t(lang, 'shareAllPick') }), ...view.audiences.map((a) => el('option', { value: a.audience, text: pick(a.name, lang) })));
  const list = byId('fields');
  renderFields(list, { view, lang, results: state.results, drafts: draftsOf(list), onAudience: share });
  renderUploadReport(byId('vcard-report'), state.uploadReport, view, lang);
  renderExpiry();
  if (state.stopped) disableControls(); // the editors were made afresh
}

function renderExpiry() {
  if (!state.view) return;
  const minutes = Math.max(0, Math.ceil((state.deadline - Date.now()) / 60_000));
  byId('expiry').textContent = t(state.lang, 'expiry', when(state.view.expiresAt, state.lang), minutes);
  if (minutes === 0 && !state.stopped) stop({ key: 'expiredNow' });
}

/** The page can do nothing more (the link expired or is not valid): say why and disable every control. */
function stop(message) {
  state.stopped = message;
  const banner = byId('page-error');
  banner.textContent = say(message);
  banner.hidden = false;
  document.body.dataset.state = 'stopped';
  disableControls();
}

function disableControls() {
  for (const control of document.querySelectorAll('input, textarea, select, button:not(#lang-toggle)')) control.disabled = true;
}

// ---- talking to the server -----------------------------------------------------------------

/** Takes a server answer: the new page, or a refusal (a stopped link stops the page). Returns the JSON when the change was made. */
function take({ status, json }) {
  if (status === 404 || status === 410) {
    stop(json?.message ?? { key: 'expiredNow' });
    return null;
  }
  if (status !== 200 || !json) return { refusal: json?.message ?? { key: 'unreachable' } };
  // The page itself (profile.json), or a change's answer carrying the page as it is now.
  const view = json.page ?? json;
  if (Array.isArray(view.fields)) {
    state.view = view;
    state.deadline = Date.now() + view.expiresInSeconds * 1000;
  }
  return json;
}

async function send(path, options) {
  try {
    return take(await call(path, options));
  } catch {
    return { refusal: { key: 'unreachable' } };
  }
}

async function load() {
  const answer = await send('profile.json');
  if (answer?.refusal) stop(answer.refusal);
  else if (answer) document.body.dataset.state = 'ready';
  render();
}

async function save(event) {
  event.preventDefault();
  const changed = changedFields(byId('fields'));
  if (Object.keys(changed).length === 0) {
    state.saveStatus = { key: 'nothingToSave' };
    return render();
  }
  const button = byId('save-button');
  button.disabled = true;
  byId('save-status').textContent = t(state.lang, 'saving');
  const answer = await send('fields', { method: 'POST', body: JSON.stringify(changed), contentType: 'application/json' });
  button.disabled = document.body.dataset.state === 'stopped';
  if (!answer) return;
  if (answer.refusal) {
    state.saveStatus = answer.refusal;
    return render();
  }
  // A refused field keeps what was typed, so it can be corrected; the rest show what is stored now.
  const refused = new Set(answer.results.filter((r) => r.outcome === 'refused').map((r) => r.field));
  const keep = [...Object.entries(changed)].filter(([field]) => refused.has(field));
  state.results = new Map(answer.results.map((r) => [r.field, r]));
  const unknown = answer.results.filter((r) => !state.view.fields.some((f) => f.field === r.field));
  state.saveStatus = unknown.length > 0 || answer.notices.length > 0
    ? { zh: [...unknown.map((r) => r.message.zh), ...answer.notices.map((n) => n.zh)].join('\n'), en: [...unknown.map((r) => r.message.en), ...answer.notices.map((n) => n.en)].join('\n') }
    : { key: refused.size > 0 ? 'savedSome' : 'saved' };
  byId('fields').replaceChildren(); // the stored values replace every editor…
  render();
  for (const [field, text] of keep) {
    const input = document.getElementById(`input-${field}`); // …but a refused one keeps its text
    if (input) input.value = text;
  }
}

/** A field's audience chosen: shared at once; on refusal the select goes back and says why. */
async function share(field, select) {
  select.disabled = true;
  const answer = await send('share', { method: 'POST', body: JSON.stringify({ field, audience: select.value }), contentType: 'application/json' });
  if (!answer) return;
  if (answer.refusal) {
    state.results.set(field, { field, outcome: 'refused', message: answer.refusal.key ? { zh: t('zh', answer.refusal.key), en: t('en', answer.refusal.key) } : answer.refusal });
  } else {
    for (const result of answer.results) state.results.set(result.field, result);
  }
  render();
}

async function shareAll(event) {
  const audience = event.target.value;
  if (audience === '') return;
  event.target.disabled = true;
  const answer = await send('share', { method: 'POST', body: JSON.stringify({ field: 'all', audience }), contentType: 'application/json' });
  if (!answer) return;
  if (answer.refusal) state.shareAllStatus = answer.refusal;
  else {
    for (const result of answer.results) state.results.set(result.field, result);
    state.shareAllStatus = answer.results[0]?.message ?? null;
  }
  event.target.disabled = false;
  render();
}

async function upload() {
  const file = byId('vcard-file').files?.[0];
  if (!file) return;
  const button = byId('vcard-upload');
  button.disabled = true;
  button.textContent = t(state.lang, 'uploading');
  // The file's own type is often empty or odd (.vcf is not known everywhere): it is sent as a vCard.
  const answer = await send('vcard', { method: 'POST', body: file, contentType: 'text/vcard' });
  button.textContent = t(state.lang, 'upload');
  button.disabled = document.body.dataset.state === 'stopped';
  if (!answer) return;
  state.uploadReport = answer.refusal ? { refusal: answer.refusal } : answer;
  state.saveStatus = null; // what the last save said is not about what the page shows now
  if (!answer.refusal) for (const result of answer.results) state.results.set(result.field, result);
  render();
}

function switchLanguage() {
  state.lang = state.lang === 'zh' ? 'en' : 'zh';
  try {
    localStorage.setItem(LANG_KEY, state.lang);
  } catch {
    // storage blocked: the choice lasts until the page is left
  }
  render();
}

function wire() {
  byId('lang-toggle').addEventListener('click', switchLanguage);
  byId('profile-form').addEventListener('submit', save);
  byId('share-all').addEventListener('change', shareAll);
  byId('vcard-file').addEventListener('change', (event) => {
    byId('vcard-upload').disabled = !event.target.files?.length;
  });
  byId('vcard-upload').addEventListener('click', upload);
  setInterval(renderExpiry, 30_000);
}

wire();
render();
void load();
