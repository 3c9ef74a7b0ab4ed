// "✎ 资料 Profile": the chosen person edits their profile on the platform (what the console
// shows: nickname, gender, region, signature) through PATCH /_sandbox/people/:fakeId. The bot
// sees the change when it next reads the console, as it would on a real platform.
import { api, byId, showError } from './chat-dom.js';

const FIELDS = ['nickName', 'gender', 'country', 'province', 'city', 'signature'];

/**
 * Wires the editor. `currentPerson()` is the person shown (or undefined); `onSaved(person)` runs
 * after a change was stored. Returns `refill()`, for when another person is chosen, and `sync()`,
 * for when the list of people was read again (a form being typed in is left alone).
 */
export function setUpProfileEditor({ currentPerson, onSaved }) {
  const form = byId('edit-person-form');
  const error = byId('edit-person-error');
  const toggle = byId('edit-person-toggle');

  /** Enables the button when a person is chosen (and closes the form when none is). */
  function sync() {
    const person = currentPerson();
    toggle.disabled = !person;
    if (!person) form.hidden = true;
  }

  /** Fills the form with the chosen person's profile. */
  function refill() {
    const person = currentPerson();
    sync();
    showError(error, null);
    for (const name of FIELDS) form.elements.namedItem(name).value = person ? String(person[name] ?? '') : '';
  }

  toggle.addEventListener('click', () => {
    if (form.hidden) refill();
    form.hidden = !form.hidden;
  });
  byId('edit-person-cancel').addEventListener('click', () => (form.hidden = true));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const person = currentPerson();
    if (!person) return;
    const data = Object.fromEntries(new FormData(form));
    const body = { ...data, nickName: String(data.nickName).trim(), gender: Number(data.gender) };
    try {
      const saved = await api('PATCH', `/people/${encodeURIComponent(person.fakeId)}`, body);
      showError(error, null);
      form.hidden = true;
      await onSaved(saved);
    } catch (e) {
      showError(error, e);
    }
  });
  return { refill, sync };
}
