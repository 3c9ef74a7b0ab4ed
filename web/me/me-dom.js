// Small DOM and HTTP helpers for the own page. Text always goes in through textContent (via
// el()), never innerHTML: every value on this page was typed by someone or read from a file.

/** The element with this id (throws if the page lacks it: a broken page should say so). */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page has no #${id}`);
  return node;
}

/**
 * Creates an element. `props`: `class`, `text` (textContent), `value`, other attributes
 * (`data-*`, `aria-*`, `for`, …), and `on<event>` listeners. Children are nodes or strings
 * (added as text).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key === 'value') node.value = String(value);
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * The page's own address without a trailing slash: `/me/<token>`. The API lives under it, so
 * the token is read from where the browser already is and put in no other URL.
 */
export function pageBase() {
  return location.pathname.replace(/\/+$/, '');
}

/**
 * Calls the page's API (`<page>/<path>`). Resolves `{ status, json }` for any answer the server
 * gave (refusals included: they carry a bilingual `message`); rejects only when the server could
 * not be reached.
 */
export async function call(path, { method = 'GET', body, contentType } = {}) {
  const headers = contentType ? { 'content-type': contentType } : {};
  const response = await fetch(`${pageBase()}/${path}`, { method, headers, body, credentials: 'omit', cache: 'no-store' });
  const text = await response.text();
  return { status: response.status, json: parseJson(text) };
}

/** The parsed text, or null for none or for what is not JSON (a proxy's error page): the caller says what it can. */
function parseJson(text) {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}
