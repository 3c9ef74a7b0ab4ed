// Small DOM and HTTP helpers for the chat page. Text always goes in through textContent (via
// el()), never innerHTML: nicknames and messages are hostile input.

/** The element with this id (throws if the page lacks it: a broken page should say so). */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node;
}

/**
 * Creates an element. `props`: `class`, `text` (textContent), `data-*`/`aria-*`/other attributes,
 * and `on<event>` listeners. Children are nodes or strings (added as text).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Shows an error (or clears it with null) in an inline error line. */
export function showError(node, error) {
  node.textContent = error ? (error instanceof Error ? error.message : String(error)) : '';
}

/** `HH:MM:SS` of unix seconds, in the browser's time zone. */
export function clockTime(seconds) {
  return new Date(seconds * 1000).toLocaleTimeString('zh-CN', { hour12: false });
}

/** `MM-DD HH:MM` of unix seconds. */
export function shortDate(seconds) {
  const d = new Date(seconds * 1000);
  const two = (n) => String(n).padStart(2, '0');
  return `${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/**
 * Calls the sandbox's control API. Resolves the parsed JSON (null for no body); rejects with the
 * API's own message (see apiError), or a network error that says what failed.
 */
export async function api(method, path, body) {
  let response;
  try {
    response = await fetch(`/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    console.warn(`${method} /_sandbox${path} failed`, error); // the detail, for whoever opens the console
    throw new Error('连不上沙盒平台：请确认它还在运行，然后再试。\nCannot reach the sandbox platform: check that it is still running, then try again.', { cause: error });
  }
  const text = await response.text();
  let json;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null; // not JSON: the error below quotes the text instead
  }
  if (!response.ok) throw apiError(response, json, text);
  return json;
}

/**
 * The error of a refused call: the API's bilingual `message` when it has one (what a person can
 * do about it, e.g. `not_following`), else `没有成功 Not done (<status>): <error>`. Keeps `status` and `code`.
 */
function apiError(response, json, text) {
  const told = json?.message;
  const bilingual = told && typeof told.zh === 'string' && typeof told.en === 'string';
  const why = json && typeof json.error === 'string' ? json.error : text.slice(0, 200) || response.statusText;
  const error = new Error(bilingual ? `${told.zh}\n${told.en}` : `没有成功 Not done (${response.status}): ${why}`);
  error.status = response.status;
  error.code = typeof json?.code === 'string' ? json.code : undefined;
  return error;
}

/** Calls `fn` at most once per `ms`, after the last call (trailing edge). */
export function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}
