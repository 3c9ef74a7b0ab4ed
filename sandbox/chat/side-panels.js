// The side panels: what the account's console holds (followers, groups, recent messages) and
// the platform's knobs (docs/protocol.md §5) as a form over GET/PATCH /_sandbox/knobs.
import { api, byId, clockTime, el, shortDate, showError } from './chat-dom.js';

const TYPES = { 1: '文字 text', 2: '图片 image', 3: '语音 voice', 4: '视频 video' };

/** Fetches and renders the console panel of one account. */
export async function refreshConsole(accountId) {
  const error = byId('console-error');
  if (!accountId) return;
  let view;
  try {
    view = await api('GET', `/accounts/${encodeURIComponent(accountId)}/console`);
  } catch (e) {
    return showError(error, e);
  }
  showError(error, null);
  byId('console-account').textContent = `${view.account.id} · ${view.account.originalId}`;
  byId('followers-count').textContent = `(${view.followers.length})`;
  const groupName = new Map(view.groups.map((g) => [g.id, g.name]));
  byId('console-followers').replaceChildren(
    ...(view.followers.length === 0
      ? [el('tr', {}, el('td', { colspan: 5, class: 'empty', text: '还没有粉丝 No followers yet' }))]
      : view.followers.map((f) => el('tr', { 'data-testid': 'console-follower', 'data-fake-id': f.fakeId },
        el('td', { text: f.nickName }),
        el('td', { class: 'mono', text: f.fakeId }),
        el('td', { class: 'mono', title: f.openId, text: `${f.openId.slice(0, 10)}…` }),
        el('td', { text: `${groupName.get(f.groupId) ?? f.groupId}` }),
        el('td', { text: shortDate(f.followedAt) })))),
  );
  byId('console-groups').replaceChildren(...view.groups.map((g) => el('li', { text: `${g.name} · ${g.count}`, title: `group ${g.id}` })));
  byId('console-messages').replaceChildren(
    ...(view.messages.length === 0
      ? [el('li', { class: 'empty', text: '还没有消息 No messages yet' })]
      : view.messages.map((m) => el('li', { class: m.direction, 'data-testid': 'console-message' },
        el('span', { class: 'when', text: clockTime(m.dateTime) }),
        el('span', { class: 'who', text: m.direction === 'in' ? `${m.nickName} →` : `→ ${m.nickName}` }),
        el('span', { class: 'type', text: TYPES[m.type] ?? String(m.type) }),
        m.hidden ? el('span', { class: 'tag', title: 'hit a keyword: hidden unless filterivrmsg=0', text: '关键词隐藏 hidden' }) : null,
        el('span', { class: 'content', text: m.content || '—' })))),
  );
}

// [key, label, kind]: kind int, bool or list (comma separated).
const KNOBS = [
  ['latencyMs', '控制台延迟 Console latency (ms)', 'int'],
  ['skew.min', '时钟偏差下限 Skew min (s)', 'int'],
  ['skew.max', '时钟偏差上限 Skew max (s)', 'int'],
  ['seed', '随机种子 Skew seed', 'int'],
  ['sessionIdleMs', '会话空闲过期 Session idle (ms)', 'int'],
  ['captchaAfterLogins', '几次登录后要验证码 Captcha after logins', 'int'],
  ['captchaWindowMs', '验证码窗口 Captcha window (ms)', 'int'],
  ['sendPerMinute', '每分钟发送上限 Sends per minute', 'int'],
  ['pageSizeCap', '分页上限 Page size cap', 'int'],
  ['rewriteContent', '改写内容 Rewrite content (<br/>, &nbsp;)', 'bool'],
  ['keywords', '关键词（逗号分隔）Keywords, comma separated', 'list'],
  ['pushTimeoutMs', '推送超时 Push timeout (ms)', 'int'],
  ['pushAttempts', '推送次数 Push attempts', 'int'],
];

const read = (knobs, key) => key.split('.').reduce((v, k) => (v == null ? v : v[k]), knobs);
const inputId = (key) => `knob-${key.replace('.', '-')}`;

/** Builds the knobs form and wires save and reload; returns `reload(force)`. */
export function setUpKnobs() {
  const form = byId('knobs-form');
  const fields = byId('knobs-fields');
  const error = byId('knobs-error');
  const ok = byId('knobs-ok');
  let dirty = false;
  for (const [key, label, kind] of KNOBS) {
    const input = kind === 'bool'
      ? el('input', { type: 'checkbox', id: inputId(key), name: key })
      : el('input', { type: kind === 'int' ? 'number' : 'text', step: kind === 'int' ? 1 : undefined, id: inputId(key), name: key, 'data-testid': `knob-${key}` });
    fields.append(el('label', { class: `knob ${kind}`, for: inputId(key) }, el('span', { text: label }), input));
  }
  form.addEventListener('input', () => {
    dirty = true;
    ok.textContent = '';
  });

  const fill = (knobs) => {
    for (const [key, , kind] of KNOBS) {
      const input = byId(inputId(key));
      const value = read(knobs, key);
      if (kind === 'bool') input.checked = Boolean(value);
      else input.value = kind === 'list' ? (value ?? []).join(', ') : String(value ?? '');
    }
    dirty = false;
  };
  const reload = async (force = false) => {
    if (dirty && !force) return;
    try {
      fill(await api('GET', '/knobs'));
      showError(error, null);
    } catch (e) {
      showError(error, e);
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    ok.textContent = '';
    const patch = {};
    for (const [key, label, kind] of KNOBS) {
      const input = byId(inputId(key));
      let value;
      if (kind === 'bool') value = input.checked;
      else if (kind === 'list') value = input.value.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
      else if (input.value.trim() === '') return showError(error, `${label}: 不能为空 must not be empty`);
      else value = Number(input.value);
      const [top, sub] = key.split('.');
      if (sub) patch[top] = { ...patch[top], [sub]: value };
      else patch[top] = value;
    }
    try {
      fill(await api('PATCH', '/knobs', patch));
      showError(error, null);
      ok.textContent = '已保存 Saved';
    } catch (e) {
      showError(error, e);
    }
  });
  byId('knobs-reload').addEventListener('click', () => void reload(true));
  return { reload };
}
