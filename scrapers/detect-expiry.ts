/**
 * The signs of an expired console session (docs/protocol.md §3.2). Pure checks; the client treats
 * any one of them as "log in once and retry once".
 */

/** The text the console's login-timeout page shows instead of the data. */
const LOGIN_TIMEOUT = '登录超时';
const EXPIRED_RET = -20000;
// One cookie set to EXPIRED, in a single Set-Cookie header or in several joined by commas.
const EXPIRED_COOKIE = /(?:^|,)\s*[^=;,\s]+\s*=\s*"?EXPIRED"?\s*(?:;|,|$)/;

/** True when an HTML page is the console's login-timeout page (`登录超时`). */
export function isExpiredPage(html: string): boolean {
  return html.includes(LOGIN_TIMEOUT);
}

/**
 * True when a decoded ajax answer says the session is gone: `ret` -20000, as the string the
 * console sends or as a number, at the top level or in `base_resp`.
 */
export function isExpiredAjax(json: unknown): boolean {
  if (!isRecord(json)) return false;
  if (isExpiredRet(json['ret'])) return true;
  const base = json['base_resp'];
  return isRecord(base) && isExpiredRet(base['ret']);
}

/**
 * True when a response re-set any cookie to `EXPIRED`. Takes the `Set-Cookie` header as the
 * HTTP client hands it over: absent, one string (several headers may arrive joined by commas),
 * or a list.
 */
export function hasExpiredCookies(setCookieHeaders: string | readonly string[] | null | undefined): boolean {
  if (setCookieHeaders === null || setCookieHeaders === undefined) return false;
  const headers = typeof setCookieHeaders === 'string' ? [setCookieHeaders] : setCookieHeaders;
  return headers.some((header) => EXPIRED_COOKIE.test(header));
}

function isExpiredRet(ret: unknown): boolean {
  if (typeof ret === 'number') return ret === EXPIRED_RET;
  return typeof ret === 'string' && ret.trim() === String(EXPIRED_RET);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
