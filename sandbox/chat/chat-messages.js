// Renders one chat line (a ChatEntry from /_sandbox/people/:fakeId/conversation) as the phone
// shows it: the person's bubbles on the right, the account's on the left, events and the
// platform's error notices as small centred lines.
import { clockTime, el } from './chat-dom.js';

// Stops at whitespace, quotes, angle brackets and full-width CJK punctuation (，。） etc.).
const URL_PATTERN = /https?:\/\/[^\s<>"'\u3000-\u303f\uff00-\uffef]+/g;
const IMAGE_URL = /\.(png|jpe?g|gif|webp)(\?|#|$)|\/qrcode(\?|$)/i;

/** The http(s) URLs in a text, in order, without duplicates. */
export function urlsIn(text) {
  return [...new Set(text.match(URL_PATTERN) ?? [])].map((u) => u.replace(/[.,;:!?)]+$/, ''));
}

/** Text with its URLs as links (opened in a new tab, no referrer). */
function linkified(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(/[.,;:!?)]+$/, '');
    parts.push(text.slice(last, match.index));
    parts.push(el('a', { href: url, target: '_blank', rel: 'noopener noreferrer', text: url }));
    last = match.index + url.length;
  }
  parts.push(text.slice(last));
  return parts.filter((p) => p !== '');
}

function eventText(entry) {
  const key = entry.eventKey ?? '';
  switch (entry.event) {
    case 'subscribe':
      return key.startsWith('qrscene_') ? `关注了公众号（扫码场景 ${key.slice(8)}）· Followed by scanning "${key.slice(8)}"` : '关注了公众号 · Followed';
    case 'unsubscribe':
      return '取消了关注 · Unfollowed';
    case 'SCAN':
      return `扫了场景二维码 ${key} · Scanned "${key}"`;
    case 'CLICK':
      return `点了菜单 ${key} · Menu click "${key}"`;
    case 'LOCATION':
      return '上报了位置 · Reported a location';
    default:
      return `事件 Event ${entry.event ?? ''} ${key}`.trim();
  }
}

function personBubble(entry) {
  if (entry.kind === 'location' && entry.location) {
    const { lat, lng, label } = entry.location;
    return el('div', { class: 'bubble location' },
      el('span', { class: 'pin', 'aria-hidden': 'true' }),
      el('strong', { text: label || '位置 Location' }),
      el('small', { text: `${lat.toFixed(5)}, ${lng.toFixed(5)}` }));
  }
  if (entry.kind === 'image') return el('div', { class: 'bubble', text: '[图片 image]' });
  if (entry.kind === 'voice') return el('div', { class: 'bubble', text: '[语音 voice]' });
  return el('div', { class: 'bubble' }, ...linkified(entry.content));
}

/**
 * The account's bubble, with its links; for each URL, "scan this" (the QR code the bot sent) and,
 * for what looks like an image, a small preview.
 */
function accountBubble(entry, actions) {
  const bubble = el('div', { class: 'bubble' });
  if (entry.kind !== 'text') bubble.append(el('span', { class: 'kind', text: `[${entry.kind}] ` }));
  bubble.append(...linkified(entry.content));
  const urls = urlsIn(entry.content).slice(0, 3);
  const extras = urls.map((url) => el('div', { class: 'link-tools' },
    IMAGE_URL.test(url) ? el('img', { src: url, alt: '', loading: 'lazy', referrerpolicy: 'no-referrer', onerror: (e) => e.target.remove() }) : null,
    el('button', { type: 'button', class: 'ghost small', 'data-testid': 'scan-this', title: url, onclick: () => actions.scanImage(url), text: '扫这个码 Scan this' })));
  return [bubble, ...extras];
}

/** The `<li>` of one chat line. `actions.scanImage(url)` scans a URL the bot sent. */
export function renderEntry(entry, accountName, actions) {
  const base = { 'data-testid': 'message', 'data-from': entry.from, 'data-kind': entry.kind, 'data-seq': entry.seq };
  if (entry.from === 'platform') {
    return el('li', { ...base, class: 'system error' }, el('span', { text: `该公众号暂时无法提供服务 · The account could not answer: ${entry.content}` }));
  }
  if (entry.kind === 'event') {
    return el('li', { ...base, class: 'system' }, el('span', { text: `${clockTime(entry.at)} ${eventText(entry)}` }));
  }
  if (entry.from === 'person') {
    return el('li', { ...base, class: 'msg mine' },
      el('div', { class: 'body' }, personBubble(entry), el('div', { class: 'meta', text: clockTime(entry.at) })),
      el('div', { class: 'avatar me', 'aria-hidden': 'true', text: '我' }));
  }
  const active = entry.via === 'singlesend';
  return el('li', { ...base, class: `msg theirs${active ? ' active' : ''}`, 'data-via': entry.via ?? '' },
    el('div', { class: 'avatar', 'aria-hidden': 'true', text: (accountName || '公').slice(0, 1).toUpperCase() }),
    el('div', { class: 'body' },
      ...accountBubble(entry, actions),
      el('div', { class: 'meta' }, clockTime(entry.at), ' ', el('span', { class: active ? 'tag active' : 'tag', text: active ? '主动 active' : '被动 passive' }))));
}
