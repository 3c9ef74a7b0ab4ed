// The chat page: you are a person on the sandbox platform, chatting with an official account.
// Actions go through the control API; what shows in the list comes from the conversation
// endpoint, refetched whenever the event stream says something changed, so active messages
// that arrive later show up too.
import { api, byId, debounce, el, showError } from './chat-dom.js';
import { renderEntry } from './chat-messages.js';
import { setUpLocationPicker } from './location-picker.js';
import { setUpProfileEditor } from './profile-editor.js';
import { refreshConsole, setUpKnobs } from './side-panels.js';

// `known`: the conversation of the chosen person and account has been read, so `following` is true.
const state = { accounts: [], people: [], account: '', person: '', following: false, known: false, lastSeq: 0, generation: 0, pending: 0 };
const saved = { get: (k) => localStorage.getItem(`lianluo.chat.${k}`) ?? '', set: (k, v) => localStorage.setItem(`lianluo.chat.${k}`, v) };
const chatError = byId('chat-error');
const list = byId('messages');
const accountOf = () => state.accounts.find((a) => a.id === state.account);

// ---- accounts and people -------------------------------------------------------------------

async function loadAccounts() {
  state.accounts = await api('GET', '/accounts');
  const select = byId('account-select');
  const wanted = state.account || saved.get('account');
  state.account = state.accounts.some((a) => a.id === wanted) ? wanted : (state.accounts[0]?.id ?? '');
  select.replaceChildren(...state.accounts.map((a) => el('option', { value: a.id, title: a.username, text: a.id })));
  select.value = state.account;
  renderHeader();
}

async function loadPeople() {
  state.people = await api('GET', '/people');
  const select = byId('person-select');
  const wanted = state.person || saved.get('person');
  state.person = state.people.some((p) => p.fakeId === wanted) ? wanted : (state.people[0]?.fakeId ?? '');
  select.replaceChildren(
    ...(state.people.length === 0 ? [el('option', { value: '', text: '先创建用户 Create a person' })] : []),
    ...state.people.map((p) => el('option', { value: p.fakeId, text: p.nickName || `(${p.fakeId})` })),
  );
  select.value = state.person;
  editor.sync();
}

function renderHeader() {
  const account = accountOf();
  const person = state.people.find((p) => p.fakeId === state.person);
  byId('chat-title').textContent = account ? account.id : '没有公众号 No account';
  byId('chat-subtitle').textContent = person ? `你是 You are ${person.nickName} · FakeID ${person.fakeId}` : '';
  const follow = byId('follow-button');
  follow.disabled = !account || !person;
  follow.dataset.following = state.following ? 'yes' : 'no';
  follow.textContent = state.following ? '已关注 · 取消 Unfollow' : '关注 Follow';
  const canAct = Boolean(account && person && state.following);
  renderComposer(canAct);
  byId('scan-button').disabled = !account || !person; // scanning a scene QR code is also a way to follow
  byId('follow-hint').hidden = !account || !person || !state.known || state.following;
  const menu = byId('menu-bar');
  const entries = account?.menu ?? [];
  menu.hidden = entries.length === 0;
  menu.replaceChildren(...entries.map((m) => el('button', { type: 'button', 'data-testid': 'menu-item', 'data-key': m.key, text: m.name, disabled: !canAct, onclick: () => act({ type: 'event', event: 'CLICK', eventKey: m.key }) })));
}

/** Only a follower can write: until then the message box, send and location stay disabled. */
function renderComposer(canAct) {
  const input = byId('message-input');
  input.disabled = !canAct;
  input.placeholder = canAct ? '发消息 Message' : '先关注 Follow first';
  byId('send-button').disabled = !canAct;
  byId('location-button').disabled = !canAct;
  if (!canAct) byId('location-tray').hidden = true;
}

// ---- the conversation ----------------------------------------------------------------------

let chain = Promise.resolve();
/** Fetches what is new in the conversation (everything after a reset); calls run one at a time. */
function refreshConversation(reset = false) {
  if (reset) {
    state.generation += 1;
    state.lastSeq = 0;
    state.following = false;
    state.known = false;
    list.replaceChildren();
    renderHeader();
  }
  const generation = state.generation;
  chain = chain.then(async () => {
    if (!state.account || !state.person) return renderHeader();
    const path = `/people/${encodeURIComponent(state.person)}/conversation?account=${encodeURIComponent(state.account)}&after=${state.lastSeq}`;
    const convo = await api('GET', path).catch((e) => void showError(chatError, e));
    if (!convo || generation !== state.generation) return;
    const nearBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 120;
    for (const entry of convo.entries) list.append(renderEntry(entry, state.account, { scanImage }));
    state.lastSeq = convo.lastSeq;
    state.following = convo.following;
    state.known = true;
    renderHeader();
    // Follow the conversation unless the reader scrolled up to read older lines.
    if (convo.entries.length && (nearBottom || reset || state.pending > 0)) list.scrollTop = list.scrollHeight;
  });
  return chain;
}

/** Runs one action of the person; errors show inline; the list refreshes either way. */
async function run(call) {
  showError(chatError, null);
  state.pending += 1;
  byId('typing').hidden = false;
  try {
    const result = await call();
    const push = result?.push ?? result;
    if (push && push.status === 0 && push.error) showError(chatError, `机器人没有回答 The bot did not answer: ${push.error}`);
    return true;
  } catch (error) {
    showError(chatError, error);
    return false;
  } finally {
    await refreshConversation();
    state.pending -= 1;
    byId('typing').hidden = state.pending === 0;
    list.scrollTop = list.scrollHeight; // your own action: show where it landed
  }
}

const who = () => ({ account: state.account, fakeId: state.person });
const act = (body) => run(() => api('POST', '/send', { ...who(), ...body }));
function scanImage(imageUrl) {
  return run(() => api('POST', '/scan', { ...who(), imageUrl }));
}

// ---- wiring ----------------------------------------------------------------------------------

function wire() {
  const input = byId('message-input');
  byId('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const content = input.value;
    if (content.trim() === '') return;
    input.value = '';
    if (!(await act({ type: 'text', content })) && input.value === '') input.value = content;
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      byId('composer').requestSubmit();
    }
  });
  byId('follow-button').addEventListener('click', () => {
    void run(() => (state.following ? api('POST', '/unfollow', who()) : api('POST', '/follow', who())));
  });
  byId('follow-hint-button').addEventListener('click', () => void run(() => api('POST', '/follow', who())));
  byId('account-select').addEventListener('change', (event) => {
    state.account = event.target.value;
    saved.set('account', state.account);
    void refreshConversation(true);
    refreshSide();
  });
  byId('person-select').addEventListener('change', (event) => {
    state.person = event.target.value;
    saved.set('person', state.person);
    editor.refill();
    byId('message-input').value = ''; // a draft is one person's: never send it as another
    void refreshConversation(true);
  });
  const trays = { 'location-button': 'location-tray', 'scan-button': 'scan-tray' };
  for (const [button, tray] of Object.entries(trays)) {
    byId(button).addEventListener('click', () => {
      for (const other of Object.values(trays)) if (other !== tray) byId(other).hidden = true;
      byId(tray).hidden = !byId(tray).hidden;
    });
  }
  for (const close of document.querySelectorAll('[data-close]')) close.addEventListener('click', () => (byId(close.dataset.close).hidden = true));
  const picker = setUpLocationPicker(async (location) => {
    if (await act({ type: 'location', location: { ...location, label: location.label || undefined } })) {
      byId('location-tray').hidden = true;
      picker.reset();
    }
  });
  const scanInput = byId('scan-input');
  const scan = async (asImage) => {
    const text = scanInput.value.trim();
    if (text === '') return showError(chatError, '请输入场景或网址 Type a scene or a QR image URL');
    const body = /^https?:\/\//i.test(text) ? { imageUrl: text }
      : asImage ? { imageUrl: `${location.origin}/_sandbox/qrcode?scene=${encodeURIComponent(text)}` } : { scene: text };
    if (await run(() => api('POST', '/scan', { ...who(), ...body }))) byId('scan-tray').hidden = true;
  };
  byId('scan-send').addEventListener('click', () => void scan(false));
  byId('scan-as-image').addEventListener('click', () => void scan(true));
  wireNewPerson();
  for (const tab of document.querySelectorAll('.tabs [data-tab]')) tab.addEventListener('click', () => (document.body.dataset.tab = tab.dataset.tab));
}

function wireNewPerson() {
  const form = byId('new-person-form');
  const error = byId('new-person-error');
  byId('new-person-toggle').addEventListener('click', () => (form.hidden = !form.hidden));
  byId('new-person-cancel').addEventListener('click', () => (form.hidden = true));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form));
    const body = { ...data, nickName: data.nickName.trim(), gender: Number(data.gender) };
    try {
      const person = await api('POST', '/people', body);
      showError(error, null);
      form.reset();
      form.hidden = true;
      state.person = person.fakeId;
      saved.set('person', state.person);
      await loadPeople();
      void refreshConversation(true);
    } catch (e) {
      showError(error, e);
    }
  });
}

/**
 * The SMS inbox page under `base`. A sandbox on this machine (loopback or every address) is
 * reached by the host name the visitor used for this page, so the link works from another machine too.
 */
function smsInboxHref(base) {
  const url = new URL(`${base}/sms`);
  if (['127.0.0.1', '0.0.0.0', 'localhost', '[::1]', '[::]'].includes(url.hostname)) url.hostname = location.hostname;
  return url.href;
}

/** Which platform this sandbox plays (a second sandbox may play another, with FakeIDs of its own). */
async function loadPlatform() {
  const platform = await api('GET', '/platform');
  byId('platform-name').textContent = `平台 Platform ${platform.name}`;
  // A second platform's page points at the first sandbox's inbox, where the bot sends codes.
  byId('sms-link').href = smsInboxHref(platform.smsInboxUrl);
}

// ---- live updates ----------------------------------------------------------------------------

const knobs = setUpKnobs();
const editor = setUpProfileEditor({
  currentPerson: () => state.people.find((p) => p.fakeId === state.person),
  onSaved: () => loadPeople().then(renderHeader),
});
const refreshSide = debounce(() => void refreshConsole(state.account), 150);

function listen() {
  const status = byId('live-status');
  const events = new EventSource('/_sandbox/events');
  let reconnect = false;
  events.addEventListener('open', () => {
    status.dataset.live = 'yes';
    status.textContent = '实时 Live';
    if (reconnect) void refreshAll(); // whatever happened while the stream was down
    reconnect = true;
  });
  events.addEventListener('error', () => {
    status.dataset.live = 'no';
    status.textContent = '重连中 Reconnecting…';
  });
  events.addEventListener('message', (message) => {
    const event = JSON.parse(message.data);
    const mine = event.account === state.account;
    if (event.type === 'knobs') void knobs.reload();
    if (event.type === 'person') {
      void loadPeople().then(renderHeader);
      refreshSide(); // a changed nickname shows in the console's followers and messages
    }
    if (event.type === 'account') void loadAccounts();
    if (mine && event.fakeId === state.person && ['chat', 'follow', 'unfollow'].includes(event.type)) void refreshConversation();
    if (mine) refreshSide();
  });
}

async function refreshAll() {
  try {
    await Promise.all([loadAccounts(), loadPeople(), loadPlatform()]);
    await refreshConversation(true);
    refreshSide();
    await knobs.reload();
  } catch (error) {
    showError(chatError, error);
  }
}

wire();
listen();
void refreshAll();
